// The bid form: every change is validated by asf's `bid.validate` in wasm, with the same
// rules the buyer's back end applies. Problems are shown next to the field their JSON
// Pointer names (or the nearest enclosing fieldset); sending is disabled while any remain.
import init, { evaluate } from "../pkg-forms/index.js";

const TEXT = {
  sv: {
    title: "Anbud i reserverad upphandling", supplier: "Anbudsgivare", org_id: "Organisationsnummer",
    name: "Företagets namn", email: "E-post för kontakt", lots: "Pris per delområde (SEK exkl. moms)",
    lots_hint: "Lämna priset tomt för delområden ni inte lämnar anbud på.",
    declaration: "Intyg för reserverad upphandling (LOU 4 kap. 18 §)",
    occupied_total: "Antal sysselsatta i verksamheten",
    occupied_target_group: "Varav personer med funktionsnedsättning eller som har svårt att få arbete",
    main_purpose: "Verksamhetens huvudsyfte är social och yrkesmässig integrering av dessa personer",
    sheltered: "Verksamheten är en skyddad verkstad",
    send: "Skicka anbud", ready: "Anbudet är komplett och kan skickas.", sent: "Anbudet är klart (demo: inget skickades).",
    deadline: "Sista anbudsdag", lot: "Delområde",
  },
  en: {
    title: "Bid in a reserved procurement", supplier: "Bidder", org_id: "Organisation number",
    name: "Company name", email: "Contact e-mail", lots: "Price per lot (SEK excl. VAT)",
    lots_hint: "Leave the price empty for lots you do not bid on.",
    declaration: "Declaration for a reserved procurement (LOU 4 kap. 18 §)",
    occupied_total: "Number of persons occupied in the business",
    occupied_target_group: "Of whom persons with disabilities or disadvantaged persons",
    main_purpose: "The main purpose of the business is the social and professional integration of these persons",
    sheltered: "The business is a sheltered workshop",
    send: "Send bid", ready: "The bid is complete and can be sent.", sent: "The bid is ready (demo: nothing was sent).",
    deadline: "Deadline", lot: "Lot",
  },
};

// A demo procurement; a real form receives it from the buyer's system.
const deadline = new Date(Date.now() + 30 * 24 * 3600 * 1000);
deadline.setUTCHours(11, 0, 0, 0);
const PROCUREMENT = {
  id: "AMN-2026-0042",
  deadline: deadline.toISOString(),
  reserved: "res-ws",
  reserved_execution: false,
  currency: "SEK",
  lots: [
    { id: "1", title: { sv: "Lokalvård", en: "Cleaning" } },
    { id: "2", title: { sv: "Catering", en: "Catering" } },
    { id: "3", title: { sv: "Snickeri", en: "Carpentry" } },
  ],
};

let lang = "sv";
const $ = (id) => document.getElementById(id);

function renderLots() {
  const box = $("lots");
  for (const lot of PROCUREMENT.lots) {
    const label = document.createElement("label");
    label.innerHTML = `<span></span><input inputmode="decimal" autocomplete="off">`;
    label.querySelector("input").id = `price-${lot.id}`;
    label.querySelector("input").dataset.lot = lot.id;
    box.append(label);
  }
}

function renderText() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = TEXT[lang][el.dataset.i18n];
  for (const lot of PROCUREMENT.lots) {
    $(`price-${lot.id}`).previousElementSibling.textContent = `${TEXT[lang].lot} ${lot.id}: ${lot.title[lang]}`;
  }
  const when = new Date(PROCUREMENT.deadline).toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { timeZone: "Europe/Stockholm" });
  $("procurement-summary").textContent = `${PROCUREMENT.id} · ${TEXT[lang].deadline}: ${when}`;
  $("lang-sv").setAttribute("aria-pressed", String(lang === "sv"));
  $("lang-en").setAttribute("aria-pressed", String(lang === "en"));
}

// A whole number too large for a JavaScript number stays text: the validator says why.
const integer = (s) => {
  if (s.trim() === "") return null;
  if (!/^\s*\d+\s*$/.test(s)) return s;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : s.trim();
};
const text = (s) => (s.trim() === "" ? null : s.trim());

// Builds the request; `rows` maps each bid lot's index to its price input.
function buildRequest() {
  const rows = [];
  const lots = [];
  for (const lot of PROCUREMENT.lots) {
    const input = $(`price-${lot.id}`);
    if (input.value.trim() === "") continue;
    rows.push(input);
    // Swedish users write "1 234,50": spaces out, comma as decimal mark.
    lots.push({ lot_id: lot.id, price: input.value.replace(/[\s\u00a0]/g, "").replace(",", ".") });
  }
  const request = {
    lang,
    procurement: {
      id: PROCUREMENT.id,
      deadline: PROCUREMENT.deadline,
      reserved: PROCUREMENT.reserved,
      reserved_execution: PROCUREMENT.reserved_execution,
      currency: PROCUREMENT.currency,
      lots: PROCUREMENT.lots.map((l) => ({ id: l.id })),
    },
    bid: {
      supplier: { org_id: text($("org_id").value), name: text($("name").value), contact_email: text($("contact_email").value) },
      lots,
      submitted_at: new Date().toISOString(),
      reserved_declaration: {
        occupied_total: integer($("occupied_total").value),
        occupied_target_group: integer($("occupied_target_group").value),
        main_purpose_integration: $("main_purpose_integration").checked,
        sheltered_workshop: $("sheltered_workshop").checked,
      },
    },
  };
  return { request, rows };
}

// The element a problem belongs to: the field whose path is the longest prefix of it.
function targetFor(path, rows) {
  const lotMatch = /^\/bid\/lots\/(\d+)(\/|$)/.exec(path);
  if (lotMatch && rows[Number(lotMatch[1])]) return rows[Number(lotMatch[1])];
  let best = null;
  for (const el of document.querySelectorAll("[data-path]")) {
    const p = el.dataset.path;
    if ((path === p || path.startsWith(`${p}/`)) && (!best || p.length > best.dataset.path.length)) best = el;
  }
  return best;
}

function listFor(el) {
  const host = el.tagName === "FIELDSET" ? el.querySelector("legend") : el.closest("label");
  let list = host.nextElementSibling;
  if (!list || !list.classList.contains("problems")) {
    list = document.createElement("ul");
    list.className = "problems";
    list.setAttribute("aria-live", "polite");
    host.after(list);
  }
  return list;
}

function validate() {
  const { request, rows } = buildRequest();
  let result;
  try {
    result = evaluate("bid.validate", request);
  } catch (e) {
    // Never leave stale messages and an enabled button behind a failure.
    result = { valid: false, problems: [{ code: e.code ?? "internal_error", path: "", message: e.message }] };
  }
  for (const list of document.querySelectorAll("ul.problems")) list.replaceChildren();
  for (const input of document.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const p of result.problems) {
    const el = targetFor(p.path, rows);
    const list = el ? listFor(el) : $("general-problems");
    const li = document.createElement("li");
    li.textContent = p.message;
    li.dataset.code = p.code;
    li.dataset.path = p.path;
    list.append(li);
    if (el && el.tagName === "INPUT") el.setAttribute("aria-invalid", "true");
  }
  $("send").disabled = !result.valid;
  $("status").textContent = result.valid ? TEXT[lang].ready : "";
  return result;
}

await init();
renderLots();
renderText();
$("bid-form").addEventListener("input", validate);
$("bid-form").addEventListener("change", validate);
$("bid-form").addEventListener("submit", (e) => {
  e.preventDefault();
  if (validate().valid) $("status").textContent = TEXT[lang].sent;
});
for (const code of ["sv", "en"]) {
  $(`lang-${code}`).addEventListener("click", () => {
    lang = code;
    renderText();
    validate();
  });
}
validate();
document.body.dataset.ready = "true";
