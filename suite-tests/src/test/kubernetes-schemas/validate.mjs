// Validates Kubernetes documents against the schema of the API version each names, and
// prints one JSON result per document. Core objects, KEDA and the Prometheus Operator are
// checked by the validators the kubernetes-models packages compile from those projects'
// OpenAPI models; other custom resources by the CustomResourceDefinitions given with them.
//
//   node validate.mjs input.json output.json
//
// input.json: {"documents": [{"source": "...", "document": {...}}], "crds": [CRD, ...]}; output.json: one
// {"source", "apiVersion", "kind", "schema", "errors": [...]} per document, schema null when none covers it.
//
// Kubernetes refuses a field its schema does not declare (kubectl's strict field
// validation; a custom resource's structural schema prunes it), so an unknown field is an
// error here too, although neither the OpenAPI models nor Ajv say so by themselves.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');

// The packages that carry compiled validators, and the API groups each one covers.
const packages = [
  { name: 'kubernetes-models', groups: (group) => !group.includes('.') || group.endsWith('.k8s.io') },
  { name: '@kubernetes-models/keda', groups: (group) => group === 'keda.sh' || group === 'eventing.keda.sh' },
  { name: '@kubernetes-models/prometheus-operator', groups: (group) => group === 'monitoring.coreos.com' },
];

function packageVersion(name) {
  return JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version;
}

// The compiled validator of a kind, found through the model class's own import of it.
async function compiledValidator(group, version, kind) {
  const owner = packages.find((candidate) => candidate.groups(group));
  if (!owner) {
    return null;
  }
  const model = join(modules, owner.name, group === '' ? '' : group, version, `${kind}.js`);
  if (!existsSync(model)) {
    return { missing: `${owner.name} ${packageVersion(owner.name)} has no ${group || 'core'}/${version} ${kind}` };
  }
  const imported = /from"(\.\.\/[^"]*_schemas\/[^"]+\.js)"/.exec(readFileSync(model, 'utf8'));
  if (!imported) {
    return { missing: `cannot find the schema ${model} imports` };
  }
  const { validate } = await import(pathToFileURL(join(dirname(model), imported[1])).href);
  return { validate, schema: `${owner.name} ${packageVersion(owner.name)}` };
}

// A CRD's openAPIV3Schema as Ajv reads it, with the API server's structural-schema rules:
// objects keep only declared fields unless they preserve unknown fields or are maps.
function structural(schema) {
  if (Array.isArray(schema)) {
    return schema.map(structural);
  }
  if (schema === null || typeof schema !== 'object') {
    return schema;
  }
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] = key === 'properties'
      ? Object.fromEntries(Object.entries(value).map(([name, property]) => [name, structural(property)]))
      : structural(value);
  }
  if (copy['x-kubernetes-int-or-string']) {
    delete copy.type;
    copy.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (copy.nullable === true && typeof copy.type === 'string') {
    copy.type = [copy.type, 'null'];
  }
  const object = copy.type === 'object' || (Array.isArray(copy.type) && copy.type.includes('object'));
  if (object && !copy['x-kubernetes-preserve-unknown-fields'] && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}

function crdValidators(crds) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validators = new Map();
  for (const crd of crds) {
    for (const version of crd.spec.versions) {
      const key = `${crd.spec.group}/${version.name} ${crd.spec.names.kind}`;
      const schema = structural(version.schema.openAPIV3Schema);
      // ObjectMeta is checked with the core models below, as the API server does.
      schema.properties.metadata = { type: 'object' };
      validators.set(key, {
        served: version.served,
        validate: ajv.compile(schema),
        schema: `CustomResourceDefinition ${crd.metadata.name} (${crd.metadata.annotations?.['tributary.dev/source'] ?? 'given'})`,
      });
    }
  }
  return validators;
}

// Runs a compiled validator on a view of the document that records which fields it
// reads: a field it never reads, in an object whose keys it never lists, is unknown.
function validateWithUnknownFields(validate, document) {
  const visits = new Map();
  function watch(value, path) {
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const visit = { read: new Set(), listed: false, path, value };
    visits.set(value, visit);
    return new Proxy(value, {
      get(target, key) {
        visit.read.add(key);
        return watch(target[key], `${path}${Array.isArray(target) ? `[${String(key)}]` : `.${String(key)}`}`);
      },
      has(target, key) {
        visit.read.add(key);
        return key in target;
      },
      ownKeys(target) {
        visit.listed = true;
        return Reflect.ownKeys(target);
      },
    });
  }
  const valid = validate(watch(document, ''));
  const errors = valid ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${describe(error)}`);
  for (const visit of visits.values()) {
    if (Array.isArray(visit.value) || visit.listed) {
      continue;
    }
    for (const key of Object.keys(visit.value)) {
      if (!visit.read.has(key)) {
        errors.push(`${visit.path || '.'}: unknown field "${key}"`);
      }
    }
  }
  return errors;
}

function describe(error) {
  if (error.keyword === 'additionalProperties') {
    return `unknown field "${error.params.additionalProperty}"`;
  }
  // The compiled validators carry no messages: the keyword and its parameters say it.
  return `${error.message ?? `fails "${error.keyword}"`} ${JSON.stringify(error.params ?? {})}`;
}

// What the API server decodes before validating: base64 in a Secret's data may be wrapped
// over lines (kustomize wraps it), which Go's decoder skips.
function decoded(document) {
  if (document.apiVersion === 'v1' && document.kind === 'Secret' && document.data) {
    const data = Object.fromEntries(Object.entries(document.data)
      .map(([key, value]) => [key, typeof value === 'string' ? value.replace(/[\r\n]/g, '') : value]));
    return { ...document, data };
  }
  return document;
}

const [inputFile, outputFile] = process.argv.slice(2);
const input = JSON.parse(readFileSync(inputFile, 'utf8'));
const crds = crdValidators(input.crds ?? []);
const { validate: objectMeta } = await import(pathToFileURL(join(modules, '@kubernetes-models', 'apimachinery',
  '_schemas', 'IoK8sApimachineryPkgApisMetaV1ObjectMeta.js')).href);
const results = [];
for (const { source, document: given } of input.documents) {
  const document = decoded(given);
  const [group, version] = String(document.apiVersion ?? '').includes('/')
    ? document.apiVersion.split('/')
    : ['', document.apiVersion];
  const result = { source, apiVersion: document.apiVersion, kind: document.kind, schema: null, errors: [] };
  const crd = crds.get(`${group}/${version} ${document.kind}`);
  if (crd) {
    result.schema = crd.schema;
    if (!crd.served) {
      result.errors.push(`${document.apiVersion} is defined but not served by ${crd.schema}`);
    }
    if (!crd.validate(document)) {
      result.errors.push(...crd.validate.errors.map((error) => `${error.instancePath || '/'} ${describe(error)}`));
    }
    result.errors.push(...validateWithUnknownFields(objectMeta, document.metadata ?? {})
      .map((error) => `metadata ${error}`));
  }
  else if ((input.crds ?? []).some((definition) => definition.spec.group === group)) {
    result.errors.push(`no schema: the given CustomResourceDefinitions of ${group} define no ${version} ${document.kind}`);
  }
  else {
    const compiled = await compiledValidator(group, version, document.kind);
    if (compiled && /(alpha|beta)/.test(version) && compiled.schema.startsWith('kubernetes-models ')) {
      // The models keep every version Kubernetes ever served; clusters drop beta ones.
      result.errors.push(`${document.apiVersion} is not a GA Kubernetes API: alpha and beta versions are removed `
        + 'from later Kubernetes releases, so the manifests use GA versions only');
    }
    if (!compiled) {
      result.errors.push(`no schema: no package or CustomResourceDefinition covers API group ${group}`);
    }
    else if (compiled.missing) {
      result.errors.push(`no schema: ${compiled.missing}`);
    }
    else {
      result.schema = compiled.schema;
      result.errors.push(...validateWithUnknownFields(compiled.validate, document));
    }
  }
  results.push(result);
}
writeFileSync(outputFile, JSON.stringify(results, null, 1) + '\n');
