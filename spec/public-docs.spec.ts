// The public API is documented where it is declared: every export of each entry point has TSDoc, each
// function, class and callable constant an `@example`, and each optional field of an options or limits
// interface its `@default`. This spec reads the declarations with the TypeScript compiler.
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..');
const ENTRIES = ['src/index.ts', 'src/testing/index.ts'];


function docText(node: ts.Node): string {
  return ts.getJSDocCommentsAndTags(node).map((d) => d.getText()).join('\n');
}

function audit(): { noDoc: string[]; noExample: string[]; noDefault: string[] } {
  const files = ENTRIES.map((e) => join(ROOT, e));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const noDoc: string[] = [];
  const noExample: string[] = [];
  const noDefault: string[] = [];
  for (const entry of ENTRIES) {
    const source = program.getSourceFile(join(ROOT, entry));
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`cannot read ${entry}`);
    for (const exported of checker.getExportsOfModule(module)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decl = target.declarations?.[0];
      if (!decl) continue;
      const file = relative(ROOT, decl.getSourceFile().fileName);
      const where = `${entry}: ${exported.name} (${file})`;
      const text = docText(decl);
      if (text === '') {
        noDoc.push(where);
        continue;
      }
      const callable =
        ts.isFunctionDeclaration(decl) ||
        ts.isClassDeclaration(decl) ||
        (ts.isVariableDeclaration(decl) && checker.getTypeAtLocation(decl).getCallSignatures().length > 0);
      if (callable && !text.includes('@example')) noExample.push(where);
      if (ts.isInterfaceDeclaration(decl) && /(Options|Limits)$/.test(exported.name)) {
        for (const member of decl.members) {
          if (member.questionToken !== undefined && !docText(member).includes('@default')) {
            noDefault.push(`${exported.name}.${member.name?.getText() ?? '?'} (${file})`);
          }
        }
      }
    }
  }
  return { noDoc, noExample, noDefault };
}

describe('public API docs', () => {
  const found = audit();

  it('every export has TSDoc', () => {
    expect(found.noDoc).toEqual([]);
  });

  it('every exported function, class and callable constant has an @example', () => {
    expect(found.noExample).toEqual([]);
  });

  it('every optional field of an exported options interface says its @default', () => {
    expect(found.noDefault).toEqual([]);
  });
});
