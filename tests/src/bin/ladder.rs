//! `ladder SHAPE N`: prints the adversarial document of `SHAPE` at size `N` (see
//! `tests::ladders`), for `benches/ladders.sh`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [shape, n] => n
            .parse::<usize>()
            .ok()
            .and_then(|n| tests::ladders::spec(shape, n)),
        _ => None,
    };
    match parsed {
        Some(doc) => {
            println!("{doc}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "usage: ladder SHAPE N, SHAPE one of: {}",
                tests::ladders::SHAPES.join(", ")
            );
            ExitCode::FAILURE
        }
    }
}
