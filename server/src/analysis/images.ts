// What a `--from` or FROM value looks like when it is not a stage: heuristics, documented in
// docs/rules/UnknownStage.md.

// Official images from Docker Hub's library that are commonly copied from by bare name
// (`COPY --from=busybox`, `FROM golang`). Not exhaustive: a name missing here gets a warning.
const OFFICIAL_IMAGES = new Set([
  'adminer', 'alpine', 'amazoncorretto', 'amazonlinux', 'archlinux', 'bash', 'buildpack-deps', 'busybox',
  'caddy', 'cassandra', 'centos', 'clojure', 'composer', 'couchbase', 'couchdb', 'crate', 'debian', 'docker',
  'eclipse-temurin', 'elasticsearch', 'elixir', 'erlang', 'fedora', 'flink', 'gcc', 'ghost', 'golang',
  'gradle', 'groovy', 'haproxy', 'haskell', 'httpd', 'influxdb', 'jenkins', 'jetty', 'julia', 'kibana',
  'kong', 'logstash', 'mariadb', 'maven', 'memcached', 'mongo', 'mono', 'mysql', 'nats', 'neo4j', 'nextcloud',
  'nginx', 'node', 'openjdk', 'oraclelinux', 'perl', 'php', 'postgres', 'pypy', 'python', 'rabbitmq', 'r-base',
  'redis', 'redmine', 'registry', 'rockylinux', 'ruby', 'rust', 'sapmachine', 'solr', 'sonarqube', 'swift',
  'telegraf', 'tomcat', 'traefik', 'ubuntu', 'almalinux', 'wordpress', 'zookeeper', 'ibmjava', 'ibm-semeru-runtimes',
  'photon', 'clearlinux', 'mageia', 'sl', 'eclipse-mosquitto', 'vault', 'consul', 'nats-streaming', 'hello-world',
  'tianon/true', 'scratch',
]);

export function isWellKnownImage(name: string): boolean {
  return OFFICIAL_IMAGES.has(name.toLowerCase());
}

/** A tag, digest, registry host or path: the writer meant an image, not a stage. */
export function looksLikeImageReference(value: string): boolean {
  return /[:/@.]/.test(value);
}

// The reference grammar of github.com/distribution/reference, simplified to what decides
// validity: [host[:port]/]path[:tag][@digest], path components lowercase.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const REFERENCE = new RegExp(
  `^(?:${HOST}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

export function isValidImageReference(value: string): boolean {
  if (value.length === 0 || value.length > 4096) return false;
  return REFERENCE.test(value);
}
