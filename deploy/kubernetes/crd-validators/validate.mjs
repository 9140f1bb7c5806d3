// Validate custom resources against the schemas of their CRDs.
// stdin: a JSON array of resources; stdout: a JSON array of {kind, name, error};
// exit 1 when any resource is invalid or has no schema here.
import { readFileSync } from "node:fs";

const MODULES = {
  "kafka.strimzi.io/v1": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1",
  "postgresql.cnpg.io/v1": "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1",
};

const resources = JSON.parse(readFileSync(0, "utf8"));
const problems = [];
for (const resource of resources) {
  const name = resource.metadata?.name ?? "";
  const base = MODULES[resource.apiVersion];
  if (!base) {
    problems.push({ kind: resource.kind, name, error: `no schema for ${resource.apiVersion}` });
    continue;
  }
  try {
    const module = await import(`${base}/${resource.kind}`);
    new module[resource.kind](resource).validate();
  } catch (error) {
    problems.push({ kind: resource.kind, name, error: String(error.message ?? error) });
  }
}
console.log(JSON.stringify({ checked: resources.length, problems }));
process.exit(problems.length ? 1 : 0);
