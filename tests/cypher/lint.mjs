// Lint Cypher with Neo4j's official parser/linter (@neo4j-cypher/language-support).
//
// stdin:  JSON list of {"name": str, "cypher": str}
// stdout: JSON list of {"name", "errors": [msg], "warnings": [msg], "deprecations": [msg]}
//         (deprecations is the subset of warnings that are Neo4j deprecation notices)
// Exit 0 whenever it ran; tests/test_cypher_lint.py decides what fails.
//
// Schema: no labels, relationship types or property keys are declared, so the linter does not
// look for them at all (it only warns about unknown labels/properties when the schema lists them).
// Functions: Neo4j's built-in Cypher 5 functions (the package's own registry in testData.mockSchema,
// built-ins only: no APOC, no GDS), so a function Neo4j 5 lacks (e.g. FalkorDB-only) is an error and
// a deprecated one (id) is flagged. Procedures are not declared, so CALL targets are not checked.
// Parameters: "Parameter $x is not defined." errors are dropped (values come at run time).
// One text, one statement: FalkorDB ("query with more than one statement is not supported") and the
// Neo4j driver both run a single statement per call, so two or more statements (or none) is an error.
import {
  isNotParamError,
  lintCypherQuery,
  parseStatementsStrs,
  testData,
} from '@neo4j-cypher/language-support';

const ERROR = 1; // vscode-languageserver DiagnosticSeverity.Error
const WARNING = 2; // DiagnosticSeverity.Warning
const DEPRECATED_TAG = 2; // DiagnosticTag.Deprecated
const CYPHER_VERSION = 'CYPHER 5';

const DEPRECATION = /deprecat|no longer supported|will be removed|will change in a future version/i;
// schema warnings that only mean "your database has no such label/type/property yet"
const NOT_IN_DATABASE =
  /^(Label|Relationship type|Label or relationship type) .* is not present in the database|^\S+ is not present in the database\./;

function builtinFunctions() {
  const registry = testData?.mockSchema?.functions?.[CYPHER_VERSION];
  if (!registry) {
    throw new Error(`@neo4j-cypher/language-support: no ${CYPHER_VERSION} function registry in testData.mockSchema`);
  }
  return Object.fromEntries(Object.entries(registry).filter(([, fn]) => fn.isBuiltIn));
}

const SCHEMA = { defaultLanguage: CYPHER_VERSION, functions: { [CYPHER_VERSION]: builtinFunctions() } };

function lintOne({ name, cypher }) {
  const { diagnostics } = lintCypherQuery(cypher, SCHEMA, { consoleCommandsEnabled: false });
  const errors = [];
  const warnings = [];
  const deprecations = [];
  const statements = parseStatementsStrs(cypher).length;
  if (statements !== 1) errors.push(`${statements} Cypher statements in one text: expected exactly one`);
  const seen = new Set();
  for (const d of diagnostics) {
    const where = `line ${d.range.start.line + 1}, col ${d.range.start.character + 1}`;
    const text = `${d.message} (${where})`;
    if (seen.has(`${d.severity}:${text}`)) continue;
    seen.add(`${d.severity}:${text}`);
    if (d.severity === ERROR) {
      if (isNotParamError(d)) errors.push(text);
    } else if (d.severity === WARNING || d.severity === undefined) {
      const deprecated = (d.tags ?? []).includes(DEPRECATED_TAG) || DEPRECATION.test(d.message);
      if (!deprecated && NOT_IN_DATABASE.test(d.message)) continue;
      warnings.push(text);
      if (deprecated) deprecations.push(text);
    }
    // Information / Hint severities are ignored
  }
  return { name, errors, warnings, deprecations };
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const items = JSON.parse(await readStdin());
if (!Array.isArray(items)) throw new Error('expected a JSON list of {"name", "cypher"}');
process.stdout.write(JSON.stringify(items.map(lintOne)) + '\n');
