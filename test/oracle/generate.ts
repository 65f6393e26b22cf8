// Dockerfiles for differential testing: generated from a small grammar that stresses stage
// names, references and ARG scopes, and mutated from real files. Deterministic for a seed.
import fc from 'fast-check';

const VARS = ['TAG', 'VERSION', 'SRC', 'BASE', 'HOME', 'PATH', 'APP_DIR', 'TARGETARCH', 'BUILDPLATFORM', 'NOPE', 'Version'];
const NAMES = ['builder', 'Builder', 'base', 'build', 'deps', 'test', 'final', 'src-code', 'my.stage', 'scratch', 'context', 'b_2'];
// Inputs BuildKit refuses to parse are linted no further: kept rare so most inputs test the rest.
const rarely = <T>(common: fc.Arbitrary<T>, rare: fc.Arbitrary<T>) => fc.oneof({ arbitrary: common, weight: 19 }, { arbitrary: rare, weight: 1 });
const IMAGES = ['alpine', 'alpine:3.19', 'golang:1.22', 'node', 'busybox', 'ghcr.io/acme/tool:1', 'Alpine', 'myimage', 'debian@sha256:' + 'a'.repeat(64)];
const VAR_BASES = ['${BASE}', '$BASE', 'alpine:${TAG}', '${SRC}-code', '${NOPE}', '${BASE:-alpine}', 'golang:${VERSION}-alpine'];
const TYPOS = ['buidler', 'bulder', 'bsae', 'finall', 'dep'];

const casing = (word: string) => fc.constantFrom(word, word, word, word.toLowerCase(), word[0] + word.slice(1).toLowerCase());

type RefStyle = 'name' | 'index' | 'upper' | 'typo' | 'image' | 'variable' | 'scratch' | 'outOfRange';
const refStyle = fc.constantFrom<RefStyle>('name', 'name', 'name', 'index', 'upper', 'typo', 'image', 'variable', 'scratch', 'outOfRange');

const instruction = fc.oneof(
  fc.record({ kind: fc.constant('copyFrom' as const), pick: fc.nat(9), style: refStyle, kw: casing('COPY') }),
  fc.record({ kind: fc.constant('mountFrom' as const), pick: fc.nat(9), style: refStyle, type: fc.constantFrom('bind', 'cache', ''), kw: casing('RUN') }),
  fc.record({ kind: fc.constant('mountCache' as const), kw: casing('RUN') }),
  fc.record({ kind: fc.constant('run' as const), v: fc.constantFrom(...VARS), kw: casing('RUN') }),
  fc.record({ kind: fc.constant('env' as const), v: fc.constantFrom(...VARS), legacy: fc.boolean(), value: fc.constantFrom('1', '$TAG', '${VERSION}', 'x y'), kw: casing('ENV') }),
  fc.record({ kind: fc.constant('arg' as const), v: fc.constantFrom(...VARS), value: fc.option(fc.constantFrom('1', 'alpine', '$TAG', '')), kw: casing('ARG') }),
  fc.record({ kind: fc.constant('workdir' as const), path: fc.constantFrom('app', '/app', '$HOME/src', '${APP_DIR}', '/srv/$VERSION'), kw: casing('WORKDIR') }),
  fc.record({ kind: fc.constant('copyVar' as const), v: fc.constantFrom(...VARS), kw: casing('COPY') }),
  fc.record({ kind: fc.constant('label' as const), v: fc.constantFrom(...VARS), kw: casing('LABEL') }),
  fc.record({ kind: fc.constant('cmd' as const), json: fc.boolean(), entrypoint: fc.boolean() }),
  fc.record({ kind: fc.constant('maintainer' as const) }),
  fc.record({ kind: fc.constant('expose' as const), port: fc.constantFrom('80', '80/TCP', '443/udp', '8080:80') }),
  fc.record({ kind: fc.constant('continuation' as const), empty: fc.boolean() }),
  fc.record({ kind: fc.constant('onbuild' as const), pick: fc.nat(9) }),
);
type Instruction = typeof instruction extends fc.Arbitrary<infer T> ? T : never;

const base = fc.oneof(
  fc.record({ kind: fc.constant('image' as const), value: fc.constantFrom(...IMAGES) }),
  fc.record({ kind: fc.constant('stage' as const), pick: fc.nat(9), upper: fc.boolean() }),
  fc.record({ kind: fc.constant('var' as const), value: fc.constantFrom(...VAR_BASES) }),
  fc.record({ kind: fc.constant('scratch' as const), value: fc.constantFrom('scratch', 'scratch', 'SCRATCH') }),
);

const stage = fc.record({
  fromKw: casing('FROM'),
  platform: fc.option(rarely(fc.constantFrom('--platform=$BUILDPLATFORM', '--platform=linux/amd64', '--platform=${TARGETPLATFORM}'), fc.constant('--platform=$NOPE')), { freq: 4 }),
  base,
  asKw: casing('AS'),
  name: fc.option(rarely(fc.constantFrom(...NAMES), fc.constant('1bad')), { freq: 5 }),
  body: fc.array(instruction, { maxLength: 5 }),
});

// Specs rather than text: fast-check can then shrink a failing spec given as an example.
export const generatedSpec = fc.record({
  syntax: fc.boolean(),
  // BuildKit allows one check directive; two stop it before anything else is looked at.
  check: fc.option(fc.constantFrom('# check=skip=UndefinedVar,FromAsCasing', '# check=error=true', '# check=skip=all', '# check=skip=StageNameCasing;error=true')),
  globals: fc.array(fc.record({ v: fc.constantFrom(...VARS), value: fc.option(fc.constantFrom('alpine', '3.19', 'builder', '', 'base', 'src', '${TAG}')) }), { maxLength: 3 }),
  stages: fc.array(stage, { minLength: 1, maxLength: 5 }),
});
export type GeneratedSpec = typeof generatedSpec extends fc.Arbitrary<infer T> ? T : never;

export function renderSpec(spec: GeneratedSpec): string {
  const lines = [spec.syntax ? '# syntax=docker/dockerfile:1' : '', spec.check ?? ''].filter(Boolean);
  for (const g of spec.globals) lines.push(g.value === null ? `ARG ${g.v}` : `ARG ${g.v}=${g.value}`);
  const count = spec.stages.length;
  const ref = (pick: number, style: RefStyle): string => {
    const target = spec.stages[pick % count];
    const name = target.name ?? undefined;
    switch (style) {
      case 'name': return name ?? String(pick % count);
      case 'index': return String(pick % count);
      case 'upper': return (name ?? 'builder').toUpperCase();
      case 'typo': return TYPOS[pick % TYPOS.length];
      case 'image': return IMAGES[pick % IMAGES.length];
      case 'variable': return pick % 2 ? '${SRC}' : '$BASE';
      case 'scratch': return 'scratch';
      case 'outOfRange': return String(count + (pick % 3));
    }
  };
  spec.stages.forEach((s, i) => {
    let from: string;
    if (s.base.kind === 'stage') {
      const target = spec.stages[s.base.pick % count];
      from = target.name ? (s.base.upper ? target.name.toUpperCase() : target.name) : 'alpine';
    } else if (s.base.kind === 'image' || s.base.kind === 'var' || s.base.kind === 'scratch') {
      from = s.base.value;
    } else from = 'alpine';
    const platform = s.platform ? `${s.platform} ` : '';
    lines.push(`${s.fromKw} ${platform}${from}${s.name ? ` ${s.asKw} ${s.name}` : ''}`);
    for (const ins of s.body) lines.push(...renderInstruction(ins, ref, i));
  });
  return lines.join('\n') + '\n';
}

function renderInstruction(ins: Instruction, ref: (pick: number, style: RefStyle) => string, stageIndex: number): string[] {
  switch (ins.kind) {
    case 'copyFrom': return [`${ins.kw} --from=${ref(ins.pick, ins.style)} /out /in`];
    case 'mountFrom': return [`${ins.kw} --mount=${ins.type ? `type=${ins.type},` : ''}from=${ref(ins.pick, ins.style)},target=/m true`];
    case 'mountCache': return [`${ins.kw} --mount=type=cache,target=/root/.cache true`];
    case 'run': return [`${ins.kw} echo $${ins.v} \${${ins.v}:-none}`];
    case 'env': return [ins.legacy ? `${ins.kw} ${ins.v} ${ins.value}` : `${ins.kw} ${ins.v}=${/\s/.test(ins.value) ? `"${ins.value}"` : ins.value}`];
    case 'arg': return [ins.value === null ? `${ins.kw} ${ins.v}` : `${ins.kw} ${ins.v}=${ins.value}`];
    case 'workdir': return [`${ins.kw} ${ins.path}`];
    case 'copyVar': return [`${ins.kw} src/$${ins.v} /dst/\${${ins.v}}`];
    case 'label': return [`${ins.kw} stage${stageIndex}.value=$${ins.v}`];
    case 'cmd': return [`${ins.entrypoint ? 'ENTRYPOINT' : 'CMD'} ${ins.json ? '["echo", "hi"]' : 'echo hi'}`];
    case 'maintainer': return ['MAINTAINER someone@example.com'];
    case 'expose': return [`EXPOSE ${ins.port}`];
    case 'continuation': return ins.empty ? ['RUN echo a \\', '', '  && echo b'] : ['RUN echo a \\', '  # a comment', '  && echo b'];
    case 'onbuild': return [`ONBUILD COPY --from=${ref(ins.pick, 'name')} /a /b`];
  }
}

// ---- mutations of real files -------------------------------------------------------------------

const mutation = fc.record({
  op: fc.constantFrom('dropLine', 'duplicateLine', 'swapLines', 'renameStage', 'retargetFrom', 'upperKeyword', 'lowerKeyword', 'emptyContinuation', 'checkDirective', 'fromStageCase'),
  a: fc.nat(),
  b: fc.nat(),
});
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

export function mutationSpec(sourceCount: number) {
  return fc.record({ source: fc.nat(sourceCount - 1), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) });
}
export type MutationSpec = ReturnType<typeof mutationSpec> extends fc.Arbitrary<infer T> ? T : never;

export function mutate(text: string, mutations: Mutation[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let lines = text.split(/\r?\n/);
  for (const m of mutations) lines = apply(lines, m);
  return lines.join(eol);
}

function apply(lines: string[], { op, a, b }: Mutation): string[] {
  const out = [...lines];
  const n = out.length;
  const at = (pattern: RegExp) => {
    const hits = out.map((l, i) => (pattern.test(l) ? i : -1)).filter((i) => i >= 0);
    return hits.length ? hits[a % hits.length] : -1;
  };
  const stageNames = out.flatMap((l) => /^\s*FROM\s.*\sAS\s+(\S+)/i.exec(l)?.[1] ?? []);
  switch (op) {
    case 'dropLine': if (n > 1) out.splice(a % n, 1); break;
    case 'duplicateLine': out.splice(a % n, 0, out[a % n]); break;
    case 'swapLines': if (n > 1) { const i = a % (n - 1); [out[i], out[i + 1]] = [out[i + 1], out[i]]; } break;
    case 'renameStage': {
      const i = at(/^\s*FROM\s.*\sAS\s+\S+/i);
      const replacement = [...stageNames, ...NAMES, ...TYPOS][b % (stageNames.length + NAMES.length + TYPOS.length)];
      if (i >= 0) out[i] = out[i].replace(/(\sAS\s+)\S+/i, `$1${replacement}`);
      break;
    }
    case 'retargetFrom': {
      const i = at(/--from=\S+|from=[^,\s]+/);
      const choices = [...stageNames, ...stageNames.map((s) => s.toUpperCase()), '0', '1', '7', '${SRC}', 'buidler', 'alpine'];
      if (i >= 0) out[i] = out[i].replace(/(--from=|from=)[^,\s]+/, `$1${choices[b % choices.length]}`);
      break;
    }
    case 'upperKeyword':
    case 'lowerKeyword': {
      const i = at(/^\s*[A-Za-z]+\s/);
      if (i >= 0) out[i] = out[i].replace(/^(\s*)([A-Za-z]+)/, (_, s: string, k: string) => s + (op === 'upperKeyword' ? k.toUpperCase() : k.toLowerCase()));
      break;
    }
    case 'emptyContinuation': {
      const i = at(/\\\s*$/);
      if (i >= 0) out.splice(i + 1, 0, '');
      break;
    }
    case 'checkDirective': out.unshift(['# check=error=true', '# check=skip=all', '# check=skip=UndefinedVar'][b % 3]); break;
    case 'fromStageCase': {
      const i = at(/^\s*FROM\s/i);
      const name = stageNames[b % Math.max(stageNames.length, 1)];
      if (i >= 0 && name) out[i] = out[i].replace(/^(\s*FROM\s+(?:--\S+\s+)*)\S+/i, `$1${b % 2 ? name.toUpperCase() : name}`);
      break;
    }
  }
  return out;
}
