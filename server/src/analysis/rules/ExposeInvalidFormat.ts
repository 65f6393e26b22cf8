import { Fix } from '../types';
import { exposedPorts } from './expose';
import { quote, Rule } from './rule';

// EXPOSE records only the container port: an IP address or host port is ignored today, and a
// future BuildKit will refuse it. Dropping them leaves the image as it was.
export const ExposeInvalidFormat: Rule = {
  id: 'ExposeInvalidFormat',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'EXPOSE takes a container port and protocol, not an IP address or host-port mapping.',
  check(context, report) {
    for (const port of exposedPorts(context)) {
      if (!port.ip && !port.hostPort) continue;
      // BuildKit records the protocol in lowercase: writing it so leaves ExposeProtoCasing nothing to fix.
      const exposed = port.proto ? `${port.containerPort}/${port.proto.toLowerCase()}` : port.containerPort;
      const fixes: Fix[] = port.literal
        ? [{ title: `Change to ${quote(exposed)}`, edits: [{ range: port.range, newText: exposed }], preferred: true }]
        : [];
      report({
        range: port.range,
        message: `EXPOSE ${quote(port.raw)} maps ${port.ip ? 'an IP address and ' : ''}a host port, which EXPOSE ignores (a future BuildKit will refuse it): expose ${quote(exposed)} and map ports with 'docker run -p'.`,
        fixes,
      });
    }
  },
};
