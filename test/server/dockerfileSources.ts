// The real-world Dockerfiles the server tests run on: the seeds' Dockerfiles in ../shared (fenced
// blocks with a FROM; seed-004 writes its Dockerfile as prose lines) and MANIFEST.tsv sets.
import * as fs from 'fs';
import * as path from 'path';
import { CorpusFile } from '../corpus/corpus';
import { listFiles, sharedDir } from '../support/paths';

export interface DockerfileSource {
  name: string;
  text: string;
}

// Upper case only: prose has lines like "from flask import Flask".
const INSTRUCTION = /^(FROM|RUN|COPY|ADD|ARG|ENV|WORKDIR|CMD|ENTRYPOINT|EXPOSE|LABEL|USER|VOLUME|SHELL|HEALTHCHECK|ONBUILD|STOPSIGNAL)\s/;

export function seedDockerfiles(): DockerfileSource[] {
  const result: DockerfileSource[] = [];
  for (const file of listFiles(path.join(sharedDir(), 'seeds'), (n) => n.endsWith('.md'))) {
    const markdown = fs.readFileSync(file, 'utf8');
    const seed = path.basename(file, '.md');
    const blocks = [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]).filter((b) => /^\s*FROM\s/im.test(b));
    if (!blocks.length) {
      const prose = proseDockerfile(markdown);
      if (prose) blocks.push(prose);
    }
    blocks.forEach((text, i) => result.push({ name: `${seed}#${i + 1}`, text }));
  }
  return result;
}

/** A skip reason when the seeds are not beside the checkout (a fresh clone), else false. */
export function seedsSkip(): string | false {
  return seedDockerfiles().length ? false : `no seeds in ${sharedDir()}/seeds: they need ../shared beside the checkout`;
}

/** Instruction lines (and their continuation lines) from a post that does not fence its Dockerfile. */
function proseDockerfile(markdown: string): string | undefined {
  const lines: string[] = [];
  let continued = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (continued || INSTRUCTION.test(line)) {
      lines.push(line);
      continued = /\\\s*$/.test(line);
    }
  }
  return lines.some((l) => /^FROM\s/.test(l)) ? lines.join('\n') + '\n' : undefined;
}

/** Files of a MANIFEST.tsv set that satisfy the predicate (templates are not Dockerfiles yet). */
export function manifestDockerfiles(files: CorpusFile[], predicate: (file: CorpusFile) => boolean): DockerfileSource[] {
  return files
    .filter((file) => file.buildable && predicate(file))
    .map((file) => ({ name: file.name, text: fs.readFileSync(file.path, 'utf8') }));
}
