import { Flag, From } from 'dockerfile-ast';
import { InstructionInfo } from '../types';
import { Environment, globalEnvironment, ProcessedWord, processWord } from './environment';
import { RuleContext } from './rule';

export interface FromPlatform {
  info: InstructionInfo;
  flag: Flag;
  /** The flag's value as written. */
  value: string;
  /** The value as BuildKit's lexer expands it with the global ARGs. */
  word: ProcessedWord;
  env: Environment;
}

/** Every `FROM --platform=…` of the file, expanded as BuildKit expands it. */
export function fromPlatforms(context: RuleContext): FromPlatform[] {
  const { model } = context;
  const escape = context.analysis.directives.escape;
  const env = globalEnvironment(context);
  const result: FromPlatform[] = [];
  let stage = 0;
  model.instructions.forEach((info, i) => {
    if (info.keyword !== 'FROM') return;
    // Every FROM makes a stage, in order; the model already knows which have a --platform value, so most FROMs cost no parser call.
    if (!model.stages[stage++]?.platform?.text) return;
    const flag = (model.parsed[i] as From).getPlatformFlag();
    const value = flag?.getValue();
    if (!flag || !value) return;
    result.push({ info, flag, value, word: processWord(value, env, escape), env });
  });
  return result;
}

// Platform specifiers as containerd's platforms.Parse reads them (the parser BuildKit uses for
// FROM --platform): `os[/arch[/variant]]`, names normalized (`x86_64` is `amd64`).

export interface Platform {
  os: string;
  architecture: string;
  variant: string;
}

const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos']);
const KNOWN_ARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);
const OS_COMPONENT = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.%-]*)((?:\+[A-Za-z0-9_.%-]+)*)\))?$/;
const COMPONENT = /^[A-Za-z0-9_.-]+$/;
// BuildKit's own host, whose defaults fill a specifier of one word.
const HOST = { os: 'linux', architecture: 'amd64' };

function normalizeArch(arch: string, variant: string): [string, string] {
  arch = arch.toLowerCase();
  variant = variant.toLowerCase();
  switch (arch) {
    case 'i386':
      return ['386', ''];
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', variant === 'v1' ? '' : variant];
    case 'aarch64':
    case 'arm64':
      if (['8', 'v8', 'v8.0'].includes(variant)) return ['arm64', ''];
      if (['9', '9.0', 'v9.0'].includes(variant)) return ['arm64', 'v9'];
      return ['arm64', variant];
    case 'armhf':
      return ['arm', 'v7'];
    case 'armel':
      return ['arm', 'v6'];
    case 'arm':
      if (variant === '' || variant === '7') return ['arm', 'v7'];
      if (['5', '6', '8'].includes(variant)) return ['arm', 'v' + variant];
      return ['arm', variant];
    default:
      return [arch, variant];
  }
}

function normalizeOS(os: string): string {
  const lower = os.toLowerCase();
  return lower === 'macos' ? 'darwin' : lower;
}

/** The platform, or undefined where BuildKit would fail to parse it. */
export function parsePlatform(specifier: string): Platform | undefined {
  if (specifier.includes('*')) return undefined;
  const parts = splitAtMost(specifier, '/', 4);
  const osMatch = OS_COMPONENT.exec(parts[0]);
  if (!osMatch || !parts.slice(1).every((p) => COMPONENT.test(p))) return undefined;
  const os = normalizeOS(osMatch[1]);
  switch (parts.length) {
    case 1: {
      if (KNOWN_OS.has(os)) return { os, architecture: HOST.architecture, variant: '' };
      const [architecture, variant] = normalizeArch(parts[0], '');
      if (KNOWN_ARCH.has(architecture)) return { os: HOST.os, architecture, variant: architecture === 'arm' && variant === 'v7' ? '' : variant };
      return undefined;
    }
    case 2: {
      const [architecture, variant] = normalizeArch(parts[1], '');
      return { os, architecture, variant: architecture === 'arm' && variant === 'v7' ? '' : variant };
    }
    case 3: {
      const [architecture, variant] = normalizeArch(parts[1], parts[2]);
      return { os, architecture, variant: architecture === 'arm64' && variant === '' ? 'v8' : variant };
    }
    default:
      return undefined;
  }
}

/** Go's strings.SplitN. */
function splitAtMost(text: string, separator: string, count: number): string[] {
  const parts = text.split(separator);
  return parts.length <= count ? parts : [...parts.slice(0, count - 1), parts.slice(count - 1).join(separator)];
}
