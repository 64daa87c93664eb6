//! The reader's preferences in the link. The pairs are sampled from a
//! seeded generator by a language model the link's settings rebuild, so
//! the reader's choices can travel as one letter per offered pair and be
//! replayed when the link opens and the model reaches the same point.
//!
//! The link's value is `P-F-EVENTS-CHECK`: the pre-training and
//! fine-tuning steps of the language model the pairs came from, the
//! events in order (`1` first better, `2` second better, `0` same, `x` a
//! pair shown and passed over, `r` one press of the automatic labeller
//! with the link's rule and count), and a checksum of every labelled
//! pair's tokens in base 36. A replay that does not give the same pairs
//! (another model, a tampered value) is dropped whole.

use super::run::RlhfRun;
use super::session::{Choice, RlhfSession};
use crate::models::rlhf::PairSet;
use crate::models::Dataset;
use crate::util::fnv;

/// Longest value the link carries (characters); a longer log stays in
/// the page only.
pub const MAX_PREFS_LINK: usize = 400;

/// The events of one run, and the model they were made with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrefLog {
    pub events: String,
    /// (pre-training steps, fine-tuning steps) at the first event.
    pub at: Option<(u64, u64)>,
    /// An event came after the model changed: the log no longer replays.
    pub broken: bool,
}

/// FNV-1a over every pair's tokens (training pairs, then held-out ones).
fn checksum(sets: [&PairSet; 2]) -> u32 {
    let mut h = fnv::START;
    for set in sets {
        for i in 0..set.len() {
            let (w, l) = set.pair(i);
            for &id in w.iter().chain(l) {
                h = fnv::fnv1a(h, &id.to_le_bytes());
            }
        }
    }
    h
}

fn base36(mut n: u32) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(digits[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The choices of a log: its events but the pairs passed over.
pub fn choices(events: &str) -> usize {
    events.chars().filter(|&c| c != 'x').count()
}

/// A link value taken apart: (P, F, events, checksum).
pub fn parse(value: &str) -> Option<(u64, u64, String, String)> {
    let mut it = value.split('-');
    let p = it.next()?.parse().ok()?;
    let f = it.next()?.parse().ok()?;
    let events = it.next()?.to_string();
    let check = it.next()?.to_string();
    let ok =
        it.next().is_none() && !events.is_empty() && events.bytes().all(|c| b"120xr".contains(&c));
    ok.then_some((p, f, events, check))
}

impl RlhfSession {
    /// (pre-training steps, fine-tuning steps) of the language model now.
    pub fn lm_steps(&self) -> (u64, u64) {
        (self.pre.steps, self.tuned.as_ref().map_or(0, |t| t.steps))
    }

    /// Notes one event (see the module's notes).
    pub(super) fn record(&mut self, event: char, now: (u64, u64)) {
        match self.log.at {
            None => self.log.at = Some(now),
            Some(at) if at != now => self.log.broken = true,
            _ => {}
        }
        self.log.events.push(event);
    }

    /// The log as a link value; empty when there is none, when it broke,
    /// or when it is too long for a link.
    pub fn prefs_value(&self) -> String {
        let Some((p, f)) = self.log.at else {
            return String::new();
        };
        if self.log.broken {
            return String::new();
        }
        let v = format!(
            "{p}-{f}-{}-{}",
            self.log.events,
            base36(checksum([&self.pairs, &self.held]))
        );
        if v.len() > MAX_PREFS_LINK {
            String::new()
        } else {
            v
        }
    }

    /// Forgets every pair and the log.
    fn drop_pairs(&mut self) {
        self.pairs.clear();
        self.held.clear();
        self.by_rule = 0;
        self.log = PrefLog::default();
    }
}

impl RlhfRun {
    /// Replays the link's preferences once the language model has the
    /// steps they were made at and no pair was labelled yet; drops them
    /// (counted in `prefs_dropped`) when they cannot match: malformed,
    /// the model already past that point, or other pairs than recorded.
    pub fn try_replay(&mut self) {
        let Some(value) = self.pending.clone() else {
            return;
        };
        let Some((p, f, events, _)) = parse(&value) else {
            return self.drop_pending();
        };
        let (pre, ft) = self.s.lm_steps();
        // Pairs labelled before (or a model already past the point) leave
        // no room for the link's; pairs only shown do not count.
        let labelled = !self.s.pairs.is_empty() || !self.s.held.is_empty();
        if pre > p || ft > f || labelled {
            return self.drop_pending();
        }
        if (pre, ft) != (p, f) {
            return;
        }
        // A pair on show from before, and pairs passed over then, are no
        // part of the replay.
        self.s.offered = None;
        self.s.log = PrefLog::default();
        for e in events.chars() {
            match e {
                'r' => {
                    self.s.auto_label(self.config.pairs);
                }
                'x' => {
                    self.s.offer_pair();
                    self.s.pass();
                }
                _ => {
                    self.s.offer_pair();
                    self.s.label(match e {
                        '1' => Choice::First,
                        '2' => Choice::Second,
                        _ => Choice::Same,
                    });
                }
            }
        }
        if self.s.prefs_value() != value {
            self.s.drop_pairs();
            return self.drop_pending();
        }
        self.pending = None;
        self.prefs_replayed = choices(&self.s.log.events);
    }

    /// The link's preferences still waiting: (P, F, events).
    pub fn pending_prefs(&self) -> Option<(u64, u64, String)> {
        self.pending
            .as_deref()
            .and_then(parse)
            .map(|(p, f, e, _)| (p, f, e))
    }

    fn drop_pending(&mut self) {
        self.pending = None;
        self.prefs_dropped += 1;
    }

    /// The value the link should hold: the preferences still waiting for
    /// their model, else this run's log.
    pub fn prefs_value(&self) -> String {
        self.pending.clone().unwrap_or_else(|| self.s.prefs_value())
    }
}
