//! The native half of the Python package `asf`: JSON text in, JSON text out, errors as
//! data. The exception classes and the typed API live in Python (`python/asf`), so they can
//! be subclassed, pickled and documented like any Python code.

use std::panic::{catch_unwind, AssertUnwindSafe};

use asf_core::{Error, NaiveDate};
use pyo3::prelude::*;

// Carries (kind, code, path, message); `asf._errors` re-raises it as the public class.
pyo3::create_exception!(_asf, NativeError, pyo3::exceptions::PyException);

fn kind_name(e: &Error) -> String {
    serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn to_py(e: Error) -> PyErr {
    NativeError::new_err((kind_name(&e), e.code, e.path, e.message))
}

/// Runs `f` and turns a panic into an `internal_error`, so no input can raise
/// PanicException in a notebook.
fn guarded<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(Error::internal("asf panicked; please report this request as a bug")))
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
        PyEngine { inner: asf_core::Engine::default() }
    }

    /// Adds a rulebook file's entries; on error the engine keeps its rulebook.
    fn load_rulebook_json(&mut self, py: Python<'_>, text: &str) -> PyResult<()> {
        let current = self.inner.rulebook().clone();
        let next = py.detach(|| guarded(|| current.extended_with_json(text))).map_err(to_py)?;
        self.inner = asf_core::Engine::with_rulebook(next);
        Ok(())
    }

    /// Evaluates `op` on a JSON request; `today` is the default as-of date (YYYY-MM-DD).
    #[pyo3(signature = (op, request, today=None))]
    fn evaluate_json(&self, py: Python<'_>, op: &str, request: &str, today: Option<&str>) -> PyResult<String> {
        let today = match today {
            Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| to_py(Error::invalid_value("", format!("today '{t}' is not a date YYYY-MM-DD"))))?,
            None => asf_core::today_utc(),
        };
        py.detach(|| guarded(|| self.inner.evaluate_json_on(op, request, today))).map_err(to_py)
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
    let lang = match lang {
        "sv" => asf_core::Lang::Sv,
        "en" => asf_core::Lang::En,
        other => return Err(to_py(Error::invalid_value("/lang", format!("unknown language '{other}'; use 'en' or 'sv'")))),
    };
    let as_of = match as_of {
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| to_py(Error::invalid_value("/as_of", format!("'{t}' is not a date YYYY-MM-DD"))))?,
        None => asf_core::today_utc(),
    };
    let options = asf_core::procurements::ReadOptions { lang, as_of };
    py.detach(|| {
        guarded(|| {
            let result = asf_core::procurements::read_with(data, &options)?;
            serde_json::to_string(&result).map_err(|e| Error::internal(e.to_string()))
        })
    })
    .map_err(to_py)
}

/// Names of all operations.
#[pyfunction]
fn operations() -> Vec<&'static str> {
    asf_core::operations()
}

/// Every problem code with its English and Swedish message templates.
#[pyfunction]
fn catalogue() -> Vec<(&'static str, &'static str, &'static str)> {
    asf_core::catalogue::all().into_iter().map(|d| (d.code, d.en, d.sv)).collect()
}

/// Every misuse error code with its kind.
#[pyfunction]
fn error_codes() -> Vec<(&'static str, String)> {
    asf_core::error::ERROR_CODES.iter().map(|(code, kind)| (*code, kind_name(&Error::new(*kind, code, "", "")))).collect()
}

#[pymodule]
fn _asf(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEngine>()?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(procurements_read, m)?)?;
    m.add_function(wrap_pyfunction!(catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(error_codes, m)?)?;
    m.add("NativeError", m.py().get_type::<NativeError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("__all__", vec!["Engine", "NativeError", "catalogue", "error_codes", "operations", "procurements_read"])?;
    Ok(())
}
