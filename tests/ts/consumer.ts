// A typed consumer of the asf package: `tsc --noEmit` must accept it (see tsconfig.json).
import init, { evaluate, Engine, AsfError, RequestTypeError, orgnr, catalogue } from "../../asf-wasm/pkg/index.js";
import type { OrgnrParseResponse, Problem, ProblemCode, Operation } from "../../asf-wasm/pkg/index.js";

await init();

const parsed: OrgnrParseResponse = evaluate("orgnr.parse", { id: "556016-0680", lang: "sv" });
const formatted: string | null = parsed.formatted;
const problems: Problem[] = orgnr.parse("556016-0681", { asOf: new Date() }).problems;
const firstCode: ProblemCode | undefined = problems[0]?.code;
const described = new Engine().evaluate("rulebook.describe", { as_of: "2026-01-01", ids: ["gber.art32.max_intensity"] });
const value: string | boolean | undefined = described.entries[0]?.value;
const op: Operation = "rulebook.describe";
const name: string = op;
const anyOp: Record<string, unknown> = evaluate(name, { as_of: "2026-01-01" });
// @ts-expect-error an organisation number is a string, never a number
evaluate("orgnr.parse", { id: 5560160680 });
// @ts-expect-error only "en" and "sv"
orgnr.parse("556016-0680", { lang: "de" });

try {
  evaluate("orgnr.parse", { id: "x" });
} catch (e) {
  if (e instanceof RequestTypeError || e instanceof AsfError) {
    const where: string = e.path;
    const code: string = e.code;
    console.log(where, code);
  }
}

const codes: ProblemCode[] = catalogue().map((c) => c.code);
console.log(formatted, firstCode, value, anyOp, codes);
