// EXPOSE port specs as BuildKit reads them (dockerfile2llb/convert_expose.go): each word is
// `[[ip:]hostPort:]containerPort[/proto]`, after variables are replaced.
import { Instruction } from 'dockerfile-ast';
import { Range } from '../types';
import { dispatchedInstructions } from './dispatch';
import { environmentAt, processWord } from './environment';
import { RuleContext } from './rule';

export interface PortSpec {
  /** The word after expansion, as BuildKit quotes it. */
  raw: string;
  /** The word as written, when it has no variable or quote: a fix can then rewrite it. */
  literal?: string;
  range: Range;
  ip: string;
  hostPort: string;
  containerPort: string;
  /** As written; empty when left out. */
  proto: string;
}

function splitParts(raw: string): [string, string, string] {
  const parts = raw.split(':');
  if (parts.length === 1) return ['', '', parts[0]];
  if (parts.length === 2) return ['', parts[0], parts[1]];
  const n = parts.length;
  return [parts.slice(0, n - 2).join(':'), parts[n - 2], parts[n - 1]];
}

// Both Expose rules read the same specs: parse them once per analysis.
const cache = new WeakMap<RuleContext, PortSpec[]>();

/** The port specs of every dispatched EXPOSE that BuildKit parses as far as its lint checks (a valid protocol). */
export function exposedPorts(context: RuleContext): PortSpec[] {
  const cached = cache.get(context);
  if (cached) return cached;
  const escape = context.analysis.directives.escape;
  const specs: PortSpec[] = [];
  for (const { info, parsed } of dispatchedInstructions(context, ['EXPOSE'])) {
    for (const argument of (parsed as Instruction).getArguments()) {
      const written = argument.getValue();
      const plain = !/[$"'`\\]/.test(written);
      let words = [written];
      if (!plain) {
        // A variable the file does not set counts as empty, as BuildKit finds it when the base image
        // does not set it either; the `:` and `/` that make a spec wrong are written out in practice.
        const word = processWord(written, environmentAt(context, info.stage, info.range.start, escape), escape);
        words = word.value.split(/\s+/).filter(Boolean);
      }
      for (const raw of words) {
        const [ip, hostPort, containerPortAndProto] = splitParts(raw);
        const slash = containerPortAndProto.indexOf('/');
        const containerPort = slash < 0 ? containerPortAndProto : containerPortAndProto.slice(0, slash);
        const proto = slash < 0 ? '' : containerPortAndProto.slice(slash + 1);
        // BuildKit stops with an error before linting these.
        if (!containerPort || !['', 'tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) continue;
        specs.push({ raw, literal: plain ? written : undefined, range: argument.getRange(), ip, hostPort, containerPort, proto });
      }
    }
  }
  cache.set(context, specs);
  return specs;
}
