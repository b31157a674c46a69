//! The native half of the Python package `asf`: JSON text in, JSON text out, errors as
//! data. The exception classes and the typed API live in Python (`python/asf`), so they can
//! be subclassed, pickled and documented like any Python code.

use std::panic::{catch_unwind, AssertUnwindSafe};

use std::io::Read;

use asf_core::ledger::Ledger;
use asf_core::Error;
use pyo3::prelude::*;
use pyo3_arrow::input::{AnyArray, AnyRecordBatch};
use pyo3_arrow::PyTable;

mod columns;
mod tables;

// Carries (kind, code, path, message); `asf._errors` re-raises it as the public class.
pyo3::create_exception!(_asf, NativeError, pyo3::exceptions::PyException);

fn kind_name(e: &Error) -> String {
    serde_json::to_value(e.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn to_py(e: Error) -> PyErr {
    NativeError::new_err((kind_name(&e), e.code, e.path, e.message))
}

/// Runs `f` and turns a panic into an `internal_error`, so no input can raise
/// PanicException in a notebook.
fn guarded<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(Error::internal(
            "asf panicked; please report this request as a bug",
        ))
    })
}

/// An engine with its own rulebook.
#[pyclass(module = "asf._asf", name = "Engine")]
struct PyEngine {
    inner: asf_core::Engine,
}

#[pymethods]
impl PyEngine {
    #[new]
    fn new() -> Self {
        PyEngine {
            inner: asf_core::Engine::default(),
        }
    }

    /// Adds a rulebook file's entries; on error the engine keeps its rulebook.
    fn load_rulebook_json(&mut self, py: Python<'_>, text: &str) -> PyResult<()> {
        let current = self.inner.rulebook().clone();
        let next = py
            .detach(|| guarded(|| current.extended_with_json(text)))
            .map_err(to_py)?;
        self.inner = asf_core::Engine::with_rulebook(next);
        Ok(())
    }

    /// Evaluates `op` on a JSON request; `today` is the default as-of date (YYYY-MM-DD).
    #[pyo3(signature = (op, request, today=None))]
    fn evaluate_json(
        &self,
        py: Python<'_>,
        op: &str,
        request: &str,
        today: Option<&str>,
    ) -> PyResult<String> {
        let today = tables::date_or_today(today, "").map_err(to_py)?;
        py.detach(|| guarded(|| self.inner.evaluate_json_on(op, request, today)))
            .map_err(to_py)
    }

    /// `aid.de_minimis.audit` over a table of grants: (response JSON, floats rounded).
    #[pyo3(signature = (grants, fiscal_year_start="01-01", lang="en"))]
    fn de_minimis_audit_table(
        &self,
        py: Python<'_>,
        grants: AnyRecordBatch,
        fiscal_year_start: &str,
        lang: &str,
    ) -> PyResult<(String, u64)> {
        let (batches, schema) = grants.into_table()?.into_inner();
        py.detach(|| {
            guarded(|| {
                let lang = tables::lang_of(lang)?;
                let (rows, rounded) = tables::grants(&batches, &schema)?;
                Ok((
                    tables::audit_json(self.inner.rulebook(), rows, fiscal_year_start, lang)?,
                    rounded,
                ))
            })
        })
        .map_err(to_py)
    }

    /// The rulebook entries, as JSON text.
    fn rulebook_json(&self) -> PyResult<String> {
        let entries: Vec<_> = self.inner.rulebook().entries().collect();
        serde_json::to_string(&entries).map_err(|e| to_py(Error::internal(e.to_string())))
    }
}

/// Reads procurement records from a file's bytes (Upphandlingsmyndigheten's export CSV,
/// plain or gzip; eForms XML; OCDS JSON): the JSON of a `procurements.read` response.
#[pyfunction]
#[pyo3(signature = (data, lang="en", as_of=None))]
fn procurements_read(py: Python<'_>, data: &[u8], lang: &str, as_of: Option<&str>) -> PyResult<String> {
    let lang = tables::lang_of(lang).map_err(to_py)?;
    let as_of = tables::date_or_today(as_of, "/as_of").map_err(to_py)?;
    let options = asf_core::procurements::ReadOptions { lang, as_of };
    py.detach(|| {
        guarded(|| {
            let result = asf_core::procurements::read_with(data, &options)?;
            serde_json::to_string(&result).map_err(|e| Error::internal(e.to_string()))
        })
    })
    .map_err(to_py)
}

/// A ledger read into Rust memory: 24 bytes a row, reused by every computation.
#[pyclass(module = "asf._asf", name = "Ledger", frozen)]
struct PyLedger {
    inner: Ledger,
    rounded: u64,
    base: &'static str,
}

fn arrow_table(
    py: Python<'_>,
    (batch, schema): (arrow_array::RecordBatch, arrow_schema::SchemaRef),
) -> PyResult<Bound<'_, PyAny>> {
    PyTable::try_new(vec![batch], schema)?.into_pyarrow(py)
}

impl PyLedger {
    /// What both goal computations start from: the language, the register compiled for
    /// this ledger, and the problems of the import and of the register.
    fn with_register(
        &self,
        batches: &[arrow_array::RecordBatch],
        schema: &arrow_schema::SchemaRef,
        work_integration_accounts: &[String],
        lang: &str,
    ) -> Result<(asf_core::Lang, asf_core::goals::Register, Vec<asf_core::Problem>), Error> {
        let lang = tables::lang_of(lang)?;
        let mut problems = tables::ledger_problems(&self.inner, self.base, lang);
        let rows = tables::register_rows(batches, schema)?;
        let reg = asf_core::goals::compile_register(&self.inner, &rows, work_integration_accounts, lang, &mut problems);
        Ok((lang, reg, problems))
    }
}

#[pymethods]
impl PyLedger {
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Float amounts rounded to the öre on import.
    #[getter]
    fn rounded(&self) -> u64 {
        self.rounded
    }

    /// The import reconciliation, as JSON text.
    fn reconciliation_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner.reconciliation())
            .map_err(|e| to_py(Error::internal(e.to_string())))
    }

    /// Rejected rows and flagged supplier ids as problems, as JSON text.
    #[pyo3(signature = (lang="en"))]
    fn problems_json(&self, lang: &str) -> PyResult<String> {
        let lang = tables::lang_of(lang).map_err(to_py)?;
        serde_json::to_string(&tables::ledger_problems(&self.inner, self.base, lang))
            .map_err(|e| to_py(Error::internal(e.to_string())))
    }

    /// The accepted rows as a pyarrow Table.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = py
            .detach(|| guarded(|| tables::ledger_table(&self.inner)))
            .map_err(to_py)?;
        arrow_table(py, t)
    }

    /// Indicators per group: (pyarrow Table, JSON of reconciliation and problems).
    #[pyo3(signature = (register, period=None, group_by=vec![], work_integration_accounts=vec![], lang="en"))]
    fn indicators<'py>(
        &self,
        py: Python<'py>,
        register: AnyRecordBatch,
        period: Option<(String, String)>,
        group_by: Vec<String>,
        work_integration_accounts: Vec<String>,
        lang: &str,
    ) -> PyResult<(Bound<'py, PyAny>, String)> {
        let (batches, schema) = register.into_table()?.into_inner();
        let (t, summary) = py
            .detach(|| {
                guarded(|| {
                    let (lang, reg, mut problems) =
                        self.with_register(&batches, &schema, &work_integration_accounts, lang)?;
                    let dims = tables::dims(&group_by)?;
                    let period = tables::period_arg(period, lang, &mut problems)?;
                    let t = asf_core::goals::indicators(
                        &self.inner,
                        &reg,
                        &asf_core::goals::IndicatorOptions {
                            period,
                            group_by: &dims,
                        },
                    );
                    let table = tables::indicator_table(&self.inner, &t.groups, &dims)?;
                    let summary =
                        serde_json::to_string(&tables::summary(&self.inner, &t, problems))
                            .map_err(|e| Error::internal(e.to_string()))?;
                    Ok((table, summary))
                })
            })
            .map_err(to_py)?;
        Ok((arrow_table(py, t)?, summary))
    }

    /// Progress against targets (JSON list): JSON of targets and problems.
    #[pyo3(signature = (register, targets, granularity="year", work_integration_accounts=vec![], lang="en"))]
    fn progress(
        &self,
        py: Python<'_>,
        register: AnyRecordBatch,
        targets: &str,
        granularity: &str,
        work_integration_accounts: Vec<String>,
        lang: &str,
    ) -> PyResult<String> {
        let (batches, schema) = register.into_table()?.into_inner();
        py.detach(|| {
            guarded(|| {
                let (lang, reg, problems) =
                    self.with_register(&batches, &schema, &work_integration_accounts, lang)?;
                tables::progress_json(&self.inner, &reg, granularity, targets, lang, problems)
            })
        })
        .map_err(to_py)
    }
}

/// Reads ledger rows from any Arrow table or stream (`__arrow_c_stream__`).
#[pyfunction]
fn ledger_from_table(py: Python<'_>, table: AnyRecordBatch) -> PyResult<PyLedger> {
    let (batches, schema) = table.into_table()?.into_inner();
    let (inner, rounded) = py
        .detach(|| guarded(|| tables::ledger_from_batches(&batches, &schema)))
        .map_err(to_py)?;
    Ok(PyLedger {
        inner,
        rounded,
        base: "/ledger",
    })
}

/// A reader that reports progress (bytes read) to a Python callable every 4 MiB, and checks
/// for Ctrl-C as often with or without a callback. A Python error (the callback raised, or
/// KeyboardInterrupt) stops the read and is kept in `error`, to be raised as it is: it must
/// not become `io::ErrorKind::Interrupted`, which readers retry.
struct Progress<R> {
    inner: R,
    read: u64,
    reported: u64,
    callback: Option<Py<PyAny>>,
    error: std::sync::Arc<std::sync::Mutex<Option<PyErr>>>,
}

impl<R: Read> Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read - self.reported >= 4 << 20 || n == 0 {
            self.reported = self.read;
            let read = self.read;
            let outcome = Python::attach(|py| {
                py.check_signals()?;
                match &self.callback {
                    Some(cb) => cb.call1(py, (read,)).map(|_| ()),
                    None => Ok(()),
                }
            });
            if let Err(e) = outcome {
                if let Ok(mut slot) = self.error.lock() {
                    *slot = Some(e);
                }
                return Err(std::io::Error::other("stopped by Python"));
            }
        }
        Ok(n)
    }
}

/// Reads a ledger file (national CSV format; the dialect is detected). `progress` is
/// called with the bytes read so far.
#[pyfunction]
#[pyo3(signature = (path, progress=None))]
fn ledger_read_csv(
    py: Python<'_>,
    path: std::path::PathBuf,
    progress: Option<Py<PyAny>>,
) -> PyResult<PyLedger> {
    let file = std::fs::File::open(&path)?;
    let error = std::sync::Arc::new(std::sync::Mutex::new(None));
    let reader = Progress {
        inner: std::io::BufReader::with_capacity(1 << 20, file),
        read: 0,
        reported: 0,
        callback: progress,
        error: error.clone(),
    };
    let result = py
        .detach(|| {
            guarded(|| {
                asf_core::ledger::read(reader).map_err(|e| {
                    Error::new(
                        asf_core::ErrorKind::InvalidRequest,
                        "invalid_value",
                        "",
                        e.to_string(),
                    )
                })
            })
        });
    // The callback's own exception (or KeyboardInterrupt) wins over the read error it caused.
    if let Some(e) = error.lock().ok().and_then(|mut slot| slot.take()) {
        return Err(e);
    }
    let inner = result.map_err(to_py)?;
    Ok(PyLedger {
        inner,
        rounded: 0,
        base: "/lines",
    })
}

/// `orgnr.parse` over a column of ids: a pyarrow Table with one row per id.
#[pyfunction]
#[pyo3(signature = (ids, as_of=None, lang="en"))]
fn orgnr_parse_many<'py>(
    py: Python<'py>,
    ids: AnyArray,
    as_of: Option<&str>,
    lang: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let chunks = ids.into_chunked_array()?.into_inner().0;
    let t = py
        .detach(|| {
            guarded(|| {
                let lang = tables::lang_of(lang)?;
                let as_of = tables::date_or_today(as_of, "/as_of")?;
                tables::parse_many(&chunks, as_of, lang)
            })
        })
        .map_err(to_py)?;
    arrow_table(py, t)
}

/// Names of all operations.
#[pyfunction]
fn operations() -> Vec<&'static str> {
    asf_core::operations()
}

/// Every problem code with its English and Swedish message templates.
#[pyfunction]
fn catalogue() -> Vec<(&'static str, &'static str, &'static str)> {
    asf_core::catalogue::all()
        .into_iter()
        .map(|d| (d.code, d.en, d.sv))
        .collect()
}

/// Every misuse error code with its kind.
#[pyfunction]
fn error_codes() -> Vec<(&'static str, String)> {
    asf_core::error::ERROR_CODES
        .iter()
        .map(|(code, kind)| (*code, kind_name(&Error::new(*kind, code, "", ""))))
        .collect()
}

#[pymodule]
fn _asf(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEngine>()?;
    m.add_class::<PyLedger>()?;
    m.add_function(wrap_pyfunction!(ledger_from_table, m)?)?;
    m.add_function(wrap_pyfunction!(ledger_read_csv, m)?)?;
    m.add_function(wrap_pyfunction!(orgnr_parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(procurements_read, m)?)?;
    m.add_function(wrap_pyfunction!(catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(error_codes, m)?)?;
    m.add("NativeError", m.py().get_type::<NativeError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "__all__",
        vec![
            "Engine",
            "Ledger",
            "NativeError",
            "catalogue",
            "error_codes",
            "ledger_from_table",
            "ledger_read_csv",
            "operations",
            "orgnr_parse_many",
            "procurements_read",
        ],
    )?;
    Ok(())
}
