// `npm run prepare`: builds dist/ after `npm install` in a checkout, and when npm installs this
// package from git, which is how pre-commit installs the hooks of .pre-commit-hooks.yaml. In that
// second case npm installs the dev dependencies under its global prefix (npm_config_prefix),
// where the build cannot find esbuild: install them into the clone itself first.
const { spawnSync } = require('child_process');

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

try {
  require.resolve('esbuild');
} catch {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.toLowerCase() === 'npm_config_prefix' || name.toLowerCase() === 'npm_config_global') delete env[name];
  run('npm', ['install', '--no-save', '--include=dev', '--no-audit', '--no-fund', '--ignore-scripts=false'], env);
}
run(process.execPath, ['esbuild.js']);
