//! What a scenario test is, and the few helpers the tests share.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;

/// A test's result: `Err` says what the server or the client did wrong.
pub type Outcome = Result<(), String>;

/// One test: calls through a generated client's public API and asserts what the test server's
/// route code expects. `keys` are the report counters it exercises (usually one); a counter
/// passes when it was hit and every test naming it passed.
pub struct Scenario {
    /// The swagger file of the client under test.
    pub file: &'static str,
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub run: fn(Ctx) -> Pin<Box<dyn Future<Output = Outcome> + Send>>,
}

/// What a test gets: the server's base URL and an HTTP client of its own (with a cookie store:
/// the retry scenarios count attempts in a cookie).
#[derive(Clone)]
pub struct Ctx {
    pub base_url: String,
    pub http: reqwest::Client,
}

impl Ctx {
    pub fn new(base_url: &str) -> Ctx {
        // No redirects of reqwest's own: the generated pipeline decides which it follows.
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        Ctx {
            base_url: base_url.to_string(),
            http,
        }
    }
}

/// `result.check("what")?`: a client error becomes the test's failure, named.
pub trait Check<T> {
    fn check(self, what: &str) -> Result<T, String>;
}

impl<T, E: Debug> Check<T> for Result<T, E> {
    fn check(self, what: &str) -> Result<T, String> {
        self.map_err(|e| format!("{what}: {e:?}"))
    }
}

/// Fails unless `got == want`.
pub fn eq<T: PartialEq + Debug>(what: &str, got: T, want: T) -> Outcome {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

/// `scenario!(file, "key", |c| { ... })`, or with several keys:
/// `scenario!(file, "name", ["key1", "key2"], |c| { ... })`.
#[macro_export]
macro_rules! scenario {
    ($file:expr, $key:literal, |$ctx:ident| $body:block) => {
        $crate::scenario!($file, $key, [$key], |$ctx| $body)
    };
    ($file:expr, $name:literal, [$($key:literal),*], |$ctx:ident| $body:block) => {
        $crate::scenario::Scenario {
            file: $file,
            name: $name,
            keys: &[$($key),*],
            run: |$ctx| Box::pin(async move $body),
        }
    };
}
