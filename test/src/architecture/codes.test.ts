import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatSarif } from '../../../server/out/cli/formatSarif.js';
import { ALL_CODES, CODES, DiagnosticCode, SEVERITIES, type Severity } from '../../../server/out/features/codes.js';
import { defaultSettings } from '../../../server/out/lsp/settings.js';

/**
 * The one table of diagnostic codes (`features/codes.ts`): every code the
 * server, the CLI and the tests name is in it, and what package.json, the
 * README and SARIF say of each code is what it says.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

const codes = new Set<string>(ALL_CODES);
const members = new Set(Object.keys(DiagnosticCode));

test('the table has one row for each code, and no other', () => {
  assert.deepEqual(Object.keys(CODES).sort(), [...ALL_CODES].sort());
  for (const code of ALL_CODES) {
    assert.ok(CODES[code].severity in SEVERITIES, code);
    assert.match(CODES[code].description, /^[A-Z].*\.$/, `${code}: one sentence`);
  }
});

test('every code the sources and tests name, as a member or as text, has a row', () => {
  const files = ['server/src', 'client/src', 'test/src', 'test/e2e', 'scripts'].flatMap((folder) => sourceFiles(join(root, folder)));
  assert.ok(files.length > 100, `files found: ${files.length}`);
  const unknown: string[] = [];
  let seen = 0;
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(/\bDiagnosticCode\.([A-Za-z]+)/g)) {
      seen++;
      if (!members.has(match[1]!)) unknown.push(`${relative(root, path)}: DiagnosticCode.${match[1]}`);
    }
    // `code: 'quote-mismatch'`, `d.code === 'unknown-source'`, `ruleId: 'locator-mismatch'`, `assert.equal(d.code, 'uncited-quote')`.
    for (const match of text.matchAll(/\b(?:(?:code|ruleId)\s*(?:===|!==|==|!=|:)|\.code,)\s*['"`]([a-z]+(?:-[a-z]+)+)['"`]/g)) {
      seen++;
      if (!codes.has(match[1]!)) unknown.push(`${relative(root, path)}: ${match[1]}`);
    }
  }
  assert.ok(seen > 50, `code references found: ${seen}`);
  assert.deepEqual(unknown, []);
});

test("package.json's verbatim.severity setting lists every code, with the table's default and description", () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
  };
  const sections = [manifest.contributes.configuration].flat();
  const setting = sections.map((s) => s.properties['verbatim.severity']).find((s) => s !== undefined) as
    { properties: Record<string, { enum: string[]; default: string; description: string }> };
  assert.ok(setting, 'verbatim.severity is declared');
  assert.deepEqual(Object.keys(setting.properties).sort(), [...ALL_CODES].sort());
  for (const code of ALL_CODES) {
    const schema = setting.properties[code]!;
    assert.equal(schema.default, CODES[code].severity, `${code}: default`);
    assert.equal(schema.description, CODES[code].description, `${code}: description`);
    assert.deepEqual(schema.enum, [...Object.keys(SEVERITIES), 'off'], `${code}: levels`);
  }
});

test("the README's severity defaults are the table's", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const row = readme.split('\n').find((line) => line.startsWith('| `verbatim.severity` |'));
  assert.ok(row, 'the settings table has a verbatim.severity row');
  const defaults = /Defaults: (.*?)\. \|$/.exec(row)?.[1];
  assert.ok(defaults, row);
  const stated = new Map<string, string>();
  for (const group of defaults.split('; ')) {
    const severity = group.slice(group.lastIndexOf(' ') + 1);
    for (const match of group.matchAll(/`([a-z-]+)`/g)) stated.set(match[1]!, severity);
  }
  assert.deepEqual(Object.fromEntries([...stated].sort()), Object.fromEntries(ALL_CODES.map((c) => [c, CODES[c].severity]).sort()));
  // The verdict table at the top names only codes that exist.
  const verdicts = readme.slice(readme.indexOf('| verdict | code |'), readme.indexOf('\n\n', readme.indexOf('| verdict | code |')));
  const named = [...verdicts.matchAll(/^\| [^|]+ \| `([a-z-]+)`/gm)].map((m) => m[1]!);
  assert.ok(named.length >= 8, verdicts);
  for (const code of named) assert.ok(codes.has(code), code);
});

test('the language server and SARIF take their defaults from the table', () => {
  assert.deepEqual(defaultSettings.severity, Object.fromEntries(ALL_CODES.map((c) => [c, CODES[c].severity])));
  const sarif = JSON.parse(formatSarif([], '0.0.0')) as {
    runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } } }[];
  };
  const rules = sarif.runs[0]!.tool.driver.rules;
  assert.deepEqual(rules.map((r) => r.id), [...ALL_CODES]);
  const sarifLevel: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
  for (const rule of rules) {
    const row = CODES[rule.id as DiagnosticCode];
    assert.equal(rule.defaultConfiguration.level, sarifLevel[row.severity], rule.id);
    assert.equal(rule.shortDescription.text, row.description, rule.id);
  }
});
