//! `duration`: ISO 8601 durations (`P3Y6M4DT12H30M5S`) as [`IsoDuration`], which keeps the
//! units they were written with (a `P1M` is a month, not some number of seconds) and the range
//! services use: .NET's `TimeSpan.MaxValue` (`P10675199DT2H48M5.4775807S`, "no limit") is as
//! valid as `PT1S`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serializer};
use serde_with::{DeserializeAs, SerializeAs};

/// An ISO 8601 duration, field by field as written (`P1D` is not `PT24H`). Seconds carry
/// nanoseconds; the other units are whole. [`IsoDuration::to_std`] gives the length of one
/// without calendar units, and a [`std::time::Duration`] converts into one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IsoDuration {
    /// Written with a leading `-`.
    pub negative: bool,
    /// `Y`.
    pub years: u64,
    /// `M` before the `T`.
    pub months: u64,
    /// `W`.
    pub weeks: u64,
    /// `D`.
    pub days: u64,
    /// `H`.
    pub hours: u64,
    /// `M` after the `T`.
    pub minutes: u64,
    /// `S`, whole seconds.
    pub seconds: u64,
    /// The fraction of `S`, in nanoseconds (below 1,000,000,000).
    pub nanoseconds: u32,
}

impl IsoDuration {
    /// Reads an ISO 8601 duration (`P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]`, with an optional
    /// sign; a fraction only on the seconds, at most nine digits); `None` when the text is not
    /// one.
    pub fn parse(text: &str) -> Option<Self> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let rest = rest.strip_prefix(['P', 'p'])?;
        let (date, time) = match rest.split_once(['T', 't']) {
            Some((date, time)) if !time.is_empty() => (date, Some(time)),
            Some(_) => return None,
            None => (rest, None),
        };
        let mut out = IsoDuration {
            negative,
            ..IsoDuration::default()
        };
        let mut any = false;
        let mut order = 0;
        for (number, unit) in components(date)? {
            let (rank, field) = match unit {
                'Y' => (1, &mut out.years),
                'M' => (2, &mut out.months),
                'W' => (3, &mut out.weeks),
                'D' => (4, &mut out.days),
                _ => return None,
            };
            if rank <= order || number.contains(['.', ',']) {
                return None;
            }
            order = rank;
            *field = number.parse().ok()?;
            any = true;
        }
        order = 0;
        for (number, unit) in components(time.unwrap_or_default())? {
            let rank = match unit {
                'H' => 1,
                'M' => 2,
                'S' => 3,
                _ => return None,
            };
            if rank <= order {
                return None;
            }
            order = rank;
            let (whole, fraction) = match number.split_once(['.', ',']) {
                Some((whole, fraction)) if rank == 3 => (whole, Some(fraction)),
                Some(_) => return None,
                None => (number, None),
            };
            let value = whole.parse().ok()?;
            match rank {
                1 => out.hours = value,
                2 => out.minutes = value,
                _ => {
                    out.seconds = value;
                    if let Some(fraction) = fraction {
                        if fraction.is_empty()
                            || fraction.len() > 9
                            || !fraction.bytes().all(|b| b.is_ascii_digit())
                        {
                            return None;
                        }
                        out.nanoseconds = format!("{fraction:0<9}").parse().ok()?;
                    }
                }
            }
            any = true;
        }
        any.then_some(out)
    }

    /// The length of a duration without years or months (whose length depends on the date),
    /// counting a day as 24 hours; `None` for one with them, a negative one, or one longer than
    /// a `std::time::Duration` holds.
    pub fn to_std(self) -> Option<std::time::Duration> {
        if self.negative || self.years != 0 || self.months != 0 {
            return None;
        }
        let seconds = [
            (self.weeks, 604_800),
            (self.days, 86_400),
            (self.hours, 3_600),
            (self.minutes, 60),
            (self.seconds, 1),
        ]
        .into_iter()
        .try_fold(0u64, |sum, (count, unit)| {
            sum.checked_add(count.checked_mul(unit)?)
        })?;
        Some(std::time::Duration::new(seconds, self.nanoseconds))
    }
}

/// A duration in days, hours, minutes and seconds (`P1DT2H3M4.5S`).
impl From<std::time::Duration> for IsoDuration {
    fn from(duration: std::time::Duration) -> Self {
        let total = duration.as_secs();
        IsoDuration {
            days: total / 86_400,
            hours: total % 86_400 / 3_600,
            minutes: total % 3_600 / 60,
            seconds: total % 60,
            nanoseconds: duration.subsec_nanos(),
            ..IsoDuration::default()
        }
    }
}

/// The `(number, designator)` pairs of one part (`3Y6M4D`); `None` when it is not made of them.
fn components(part: &str) -> Option<Vec<(&str, char)>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (index, c) in part.char_indices() {
        if c.is_ascii_digit() || c == '.' || c == ',' {
            continue;
        }
        let number = &part[start..index];
        if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        out.push((number, c.to_ascii_uppercase()));
        start = index + c.len_utf8();
    }
    (start == part.len()).then_some(out)
}

/// The ISO 8601 text: the units that are not zero, `PT0S` for none.
impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str("P")?;
        let mut empty = true;
        for (value, unit) in [
            (self.years, 'Y'),
            (self.months, 'M'),
            (self.weeks, 'W'),
            (self.days, 'D'),
        ] {
            if value != 0 {
                write!(f, "{value}{unit}")?;
                empty = false;
            }
        }
        let time =
            self.hours != 0 || self.minutes != 0 || self.seconds != 0 || self.nanoseconds != 0;
        if time || empty {
            f.write_str("T")?;
        }
        if self.hours != 0 {
            write!(f, "{}H", self.hours)?;
        }
        if self.minutes != 0 {
            write!(f, "{}M", self.minutes)?;
        }
        if self.seconds != 0 || self.nanoseconds != 0 || empty && !time {
            write!(f, "{}", self.seconds)?;
            if self.nanoseconds != 0 {
                let fraction = format!("{:09}", self.nanoseconds);
                write!(f, ".{}", fraction.trim_end_matches('0'))?;
            }
            f.write_str("S")?;
        }
        Ok(())
    }
}

impl FromStr for IsoDuration {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        IsoDuration::parse(text).ok_or_else(|| format!("`{text}` is not a valid ISO 8601 duration"))
    }
}

/// `duration` for an [`IsoDuration`].
#[derive(Debug)]
pub struct Duration;

impl Duration {
    /// Reads an ISO 8601 duration; `None` when the text is not one.
    pub fn parse(text: &str) -> Option<IsoDuration> {
        IsoDuration::parse(text)
    }
}

impl SerializeAs<IsoDuration> for Duration {
    fn serialize_as<S: Serializer>(value: &IsoDuration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }
}

impl<'de> DeserializeAs<'de, IsoDuration> for Duration {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<IsoDuration, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
