// What build steps leave behind, read from their shell commands: the paths a builder stage must
// hand to the shipped one. Reads words, not a shell: a command it does not know adds nothing.
import * as posix from 'path/posix';

/** A tree or file a build step writes, with the absolute path it has in the image. */
export interface Artifact {
  path: string;
  /** A venv: its `bin` goes on PATH in the shipped stage. */
  venv?: boolean;
}

/** The state the steps run in: where they are, and the environment ENV gave them. */
export interface StepContext {
  workdir: string;
  env: ReadonlyMap<string, string>;
  /** The USER in effect, for `pip install --user`. */
  user?: string;
  /** The program the shipped stage runs, for a cargo build that does not name its binary. */
  binaryHint?: string;
}

export type StepRole = 'tools' | 'dependencies' | 'build';

export interface StepReading {
  /** Why the step belongs in a builder; undefined when it does not. */
  role?: StepRole;
  artifacts: Artifact[];
  /** The Node package manager it used, so production node_modules can be pruned. */
  nodePackageManager?: 'npm' | 'yarn' | 'pnpm';
  /** It ran a Node build script (`npm run build`): dist/ or build/ is its output. */
  nodeBuild?: boolean;
}

const SEPARATORS = new Set(['&&', '||', ';', '|', '&']);
const BUILD_PACKAGES = new Set([
  'build-essential', 'build-base', 'gcc', 'g++', 'make', 'cmake', 'clang', 'musl-dev', 'libc-dev', 'libc6-dev',
  'pkg-config', 'pkgconf', 'autoconf', 'automake', 'libtool', 'git', 'rustc', 'cargo', 'golang', 'gcc-c++',
]);
const PYTHON_BUILD_TOOLS = new Set(['poetry', 'pipenv', 'uv', 'cython', 'nuitka', 'maturin', 'pyinstaller', 'wheel', 'virtualenv']);

/** Splits a command line into simple commands, quotes removed, leading `VAR=value` and `sudo` dropped. */
export function simpleCommands(words: string[]): { env: Map<string, string>; words: string[] }[] {
  const commands: { env: Map<string, string>; words: string[] }[] = [];
  let current: string[] = [];
  const flush = () => {
    const env = new Map<string, string>();
    let i = 0;
    for (; i < current.length; i++) {
      const eq = current[i].indexOf('=');
      if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(current[i].slice(0, eq))) env.set(current[i].slice(0, eq), current[i].slice(eq + 1));
      else if (current[i] !== 'sudo' && current[i] !== 'env' && current[i] !== 'exec') break;
    }
    if (i < current.length) commands.push({ env, words: current.slice(i) });
    current = [];
  };
  for (const raw of words) {
    let word = raw.replace(/["']/g, '');
    if (SEPARATORS.has(word)) {
      flush();
      continue;
    }
    const trailing = word.endsWith(';') || word.endsWith('&&');
    if (trailing) word = word.replace(/(;|&&)$/, '');
    if (word.startsWith('(')) word = word.slice(1);
    if (word) current.push(word);
    if (trailing) flush();
  }
  flush();
  return commands;
}

/** The value of `-o F`, `-o=F`, `--out F` or `--out=F` style options among `words`. */
function optionValue(words: string[], names: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    for (const name of names) {
      if (words[i] === name) return words[i + 1];
      if (words[i].startsWith(`${name}=`)) return words[i].slice(name.length + 1);
    }
  }
  return undefined;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** The operands after a subcommand, options and the values of `valued` options skipped. */
function operands(words: string[], valued: string[] = []): string[] {
  const result: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (valued.includes(words[i])) i++;
    else if (!words[i].startsWith('-')) result.push(words[i]);
  }
  return result;
}

function resolvePath(context: StepContext, path: string): string {
  const joined = path.startsWith('/') ? path : posix.join(context.workdir, path);
  return posix.normalize(joined).replace(/(.)\/$/, '$1');
}

/** Reads one RUN step's words (all its command lines, heredoc bodies included). */
export function readStep(lines: string[][], context: StepContext, inProjectVenvConfigured: { poetry: boolean }): StepReading {
  const reading: StepReading = { artifacts: [] };
  const roles: StepRole[] = [];
  const add = (path: string, venv = false) => {
    const resolved = resolvePath(context, path);
    if (!reading.artifacts.some((a) => a.path === resolved)) reading.artifacts.push({ path: resolved, ...(venv ? { venv } : {}) });
  };
  for (const line of lines) {
    if (line.some((w) => w.includes('python-poetry.org') || w.includes('get-poetry.py') || w.includes('astral.sh/uv'))) roles.push('tools');
    for (const { env: inline, words } of simpleCommands(line)) {
      const env = (name: string) => inline.get(name) ?? context.env.get(name);
      const [program, ...args] = words;
      const base = posix.basename(program);
      if (['apt-get', 'apt', 'yum', 'dnf', 'microdnf', 'apk'].includes(base) && ['install', 'add'].includes(args[0])) {
        if (operands(args.slice(1)).some((p) => BUILD_PACKAGES.has(p) || p.endsWith('-dev') || p.endsWith('-devel'))) roles.push('tools');
        continue;
      }
      if (/^python[0-9.]*$/.test(base) && args[0] === '-m') {
        if (args[1] === 'venv' || args[1] === 'virtualenv') {
          const target = operands(args.slice(2), ['--prompt']).pop();
          if (target) add(target, true);
          roles.push('build');
          continue;
        }
        if (args[1] === 'pip') readPip(args.slice(2), context, add, roles);
        continue;
      }
      if (base === 'virtualenv') {
        const target = operands(args, ['-p', '--python', '--prompt']).pop();
        if (target) add(target, true);
        roles.push('build');
        continue;
      }
      if (/^pip[0-9.]*$/.test(base)) {
        readPip(args, context, add, roles);
        continue;
      }
      if (base === 'poetry') {
        if (args[0] === 'config' && args.includes('virtualenvs.in-project') && truthy(args[args.indexOf('virtualenvs.in-project') + 1])) inProjectVenvConfigured.poetry = true;
        if (args[0] === 'install' || args[0] === 'sync') {
          roles.push('dependencies');
          if (inProjectVenvConfigured.poetry || truthy(env('POETRY_VIRTUALENVS_IN_PROJECT'))) add('.venv', true);
        }
        continue;
      }
      if (base === 'pipenv' && (args[0] === 'install' || args[0] === 'sync')) {
        roles.push('dependencies');
        if (truthy(env('PIPENV_VENV_IN_PROJECT'))) add('.venv', true);
        continue;
      }
      if (base === 'uv') {
        if (args[0] === 'sync') {
          roles.push('dependencies');
          add(env('UV_PROJECT_ENVIRONMENT') || '.venv', true);
        } else if (args[0] === 'venv') {
          add(operands(args.slice(1), ['-p', '--python', '--prompt']).pop() ?? '.venv', true);
          roles.push('build');
        } else if (args[0] === 'pip') {
          readPip(args.slice(1), context, add, roles);
        }
        continue;
      }
      if (base === 'go' && args[0] === 'build') {
        const output = optionValue(args, ['-o']);
        if (output) add(output);
        roles.push('build');
        continue;
      }
      if (base === 'go' && args[0] === 'mod' && args[1] === 'download') {
        roles.push('dependencies');
        continue;
      }
      if (base === 'cargo' && args[0] === 'build') {
        roles.push('build');
        const bin = optionValue(args, ['--bin']);
        const name = bin ?? context.binaryHint ?? posix.basename(context.workdir);
        if ((args.includes('--release') || args.includes('-r')) && name && name !== '/') add(`target/release/${name}`);
        continue;
      }
      // Builds whose output this does not know: the step moves, the copy gets a placeholder.
      if (['make', 'cmake', 'ninja', 'mvn', 'gradle', 'dotnet', 'mix', 'bundle'].includes(base)) {
        roles.push(base === 'bundle' ? 'dependencies' : 'build');
        continue;
      }
      if (base === 'npm' || base === 'yarn' || base === 'pnpm') {
        reading.nodePackageManager = base;
        const script = args[0] === 'run' || args[0] === 'run-script' ? args[1] : args[0];
        if (args.length === 0 || ['ci', 'install', 'i'].includes(args[0])) roles.push('dependencies');
        else if (script === 'build') {
          reading.nodeBuild = true;
          roles.push('build');
        }
      }
    }
  }
  reading.role = roles.includes('build') ? 'build' : roles.includes('dependencies') ? 'dependencies' : roles[0];
  return reading;
}

function readPip(args: string[], context: StepContext, add: (path: string, venv?: boolean) => void, roles: StepRole[]): void {
  if (args[0] === 'wheel') {
    const dir = optionValue(args, ['-w', '--wheel-dir']);
    if (dir) add(dir);
    roles.push('build');
    return;
  }
  if (args[0] !== 'install') return;
  // Installing from local wheels only (`--no-index`) is the shipped stage's side of a wheel build.
  if (args.includes('--no-index')) return;
  const packages = operands(args.slice(1), ['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--prefix', '--target', '-t', '--root']);
  roles.push(packages.some((p) => PYTHON_BUILD_TOOLS.has(p.split(/[=<>~!]/)[0].toLowerCase())) ? 'tools' : 'dependencies');
  const prefix = optionValue(args, ['--prefix', '--target', '-t', '--root']);
  if (prefix) add(prefix);
  else if (args.includes('--user')) add(`${!context.user || context.user === 'root' || context.user === '0' ? '/root' : `/home/${context.user}`}/.local`);
}
