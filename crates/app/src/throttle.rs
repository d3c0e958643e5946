//! Throttling of the calls anyone can make without a token: logins (issuers, managers,
//! wallets) and the wallet's registration writes.
//!
//! Why several limits: each answers one attack without locking honest users out.
//! - **Per client address** (GCRA from `governor`): every login attempt and every
//!   unauthenticated write counts, so one source can neither guess fast nor spray many
//!   usernames, nor fill the database with accounts and challenges.
//! - **Per username** (GCRA): attempts on one account from everywhere, generous, so a
//!   distributed guess is bounded too. When it trips, the account is throttled for everyone
//!   (the price of stopping a botnet); the per-address limit keeps a single source from
//!   tripping it.
//! - **Per (username, address) backoff**: after a few consecutive failures the pair waits
//!   2, 4, 8, … seconds (at most [`ThrottleConfig::backoff_max`]); a success clears it.
//!   The owner logging in from another address is not affected.
//!
//! A request without a known client address (in-process callers and tests that call the
//! service directly) skips the per-address limits; the server always knows the peer.
//! State is in memory and per process: it is a brake, not an audit record, and a restart
//! forgets it. Its size is bounded by [`ThrottleConfig::max_keys`] per map.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A refused call: what was exceeded and when to try again (`Retry-After`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}; retry after {} s", retry_after.as_secs())]
pub struct Throttled {
    /// Machine code (`too_many_login_attempts`, `too_many_requests`, `login_busy`,
    /// `too_many_challenges`).
    pub code: &'static str,
    /// Which limit, for the message.
    pub what: String,
    /// How long to wait (at least one second).
    pub retry_after: Duration,
}

impl Throttled {
    pub(crate) fn new(code: &'static str, what: impl Into<String>, wait: Duration) -> Self {
        // Whole seconds, rounded up, never 0: `Retry-After` counts seconds.
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        Self {
            code,
            what: what.into(),
            retry_after: Duration::from_secs(secs.max(1)),
        }
    }
}

/// A rate: `burst` calls at once, then one more every `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Calls allowed at once.
    pub burst: u32,
    /// One more call allowed per this period.
    pub every: Duration,
}

impl Rate {
    fn quota(self) -> Quota {
        let burst = NonZeroU32::new(self.burst).unwrap_or(NonZeroU32::MIN);
        Quota::with_period(self.every.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst)
    }
}

/// The limits (see the module documentation; the README lists the defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleConfig {
    /// Login attempts per client address.
    pub logins_per_address: Rate,
    /// Login attempts per username (or GAID), from all addresses together.
    pub logins_per_username: Rate,
    /// Consecutive failures of one (username, address) pair before backoff starts.
    pub free_failures: u32,
    /// Longest backoff of a pair.
    pub backoff_max: Duration,
    /// Unauthenticated wallet writes (co-signer key, account, challenge) per address.
    pub writes_per_address: Rate,
    /// Unexpired login challenges one managed account may hold.
    pub open_challenges: u32,
    /// Most keys each throttle map holds (memory bound).
    pub max_keys: usize,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        Self {
            logins_per_address: Rate {
                burst: 10,
                every: Duration::from_secs(6),
            },
            logins_per_username: Rate {
                burst: 20,
                every: Duration::from_secs(30),
            },
            free_failures: 3,
            backoff_max: Duration::from_secs(15 * 60),
            writes_per_address: Rate {
                burst: 20,
                every: Duration::from_secs(3),
            },
            open_challenges: 5,
            max_keys: 100_000,
        }
    }
}

/// Consecutive failures of a pair, and until when it must wait.
#[derive(Debug, Clone, Copy)]
struct Backoff {
    failures: u32,
    until: Option<Instant>,
}

/// The throttle state of one server process.
pub struct Throttle {
    config: ThrottleConfig,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
    by_username: DefaultKeyedRateLimiter<String>,
    writes: DefaultKeyedRateLimiter<IpAddr>,
    pairs: Mutex<HashMap<(String, IpAddr), Backoff>>,
    clock: DefaultClock,
}

/// The code of a refused login.
const LOGIN_CODE: &str = "too_many_login_attempts";

/// Usernames are keys only up to this length (longer ones cannot exist).
const KEY_CHARS: usize = 128;

impl Throttle {
    /// Fresh state with these limits.
    pub fn new(config: ThrottleConfig) -> Self {
        Self {
            by_address: DefaultKeyedRateLimiter::keyed(config.logins_per_address.quota()),
            by_username: DefaultKeyedRateLimiter::keyed(config.logins_per_username.quota()),
            writes: DefaultKeyedRateLimiter::keyed(config.writes_per_address.quota()),
            pairs: Mutex::new(HashMap::new()),
            clock: DefaultClock::default(),
            config,
        }
    }

    /// The limits in force.
    pub fn config(&self) -> &ThrottleConfig {
        &self.config
    }

    /// Admits a login attempt for `username` from `client`, or says how long to wait.
    pub fn admit_login(&self, client: Option<IpAddr>, username: &str) -> Result<(), Throttled> {
        let key = login_key(username);
        if let Some(ip) = client {
            if let Some(until) = self.pair_blocked(&key, ip) {
                let wait = until.saturating_duration_since(Instant::now());
                return Err(Throttled::new(
                    LOGIN_CODE,
                    "too many failed logins for this account from this address",
                    wait,
                ));
            }
            self.check(
                &self.by_address,
                &ip,
                LOGIN_CODE,
                "too many logins from this address",
            )?;
        }
        self.check(
            &self.by_username,
            &key,
            LOGIN_CODE,
            "too many login attempts for this account",
        )
    }

    /// Records the outcome of an admitted attempt (drives the pair backoff).
    pub fn record_login(&self, client: Option<IpAddr>, username: &str, success: bool) {
        let Some(ip) = client else { return };
        let key = (login_key(username), ip);
        let Ok(mut pairs) = self.pairs.lock() else {
            return;
        };
        if success {
            pairs.remove(&key);
            return;
        }
        if pairs.len() >= self.config.max_keys {
            let now = Instant::now();
            pairs.retain(|_, b| b.until.is_some_and(|u| u > now));
            if pairs.len() >= self.config.max_keys {
                // Still full of live backoffs: keep them, forget this one (per-address
                // and per-username limits still apply).
                return;
            }
        }
        let entry = pairs.entry(key).or_insert(Backoff {
            failures: 0,
            until: None,
        });
        entry.failures = entry.failures.saturating_add(1);
        let over = entry.failures.saturating_sub(self.config.free_failures);
        if over > 0 {
            let secs = 1u64.checked_shl(over.min(30)).unwrap_or(u64::MAX);
            let wait = Duration::from_secs(secs).min(self.config.backoff_max);
            entry.until = Some(Instant::now() + wait);
        }
    }

    /// Admits an unauthenticated write from `client`.
    pub fn admit_write(&self, client: Option<IpAddr>) -> Result<(), Throttled> {
        match client {
            Some(ip) => self.check(
                &self.writes,
                &ip,
                "too_many_requests",
                "too many requests from this address",
            ),
            None => Ok(()),
        }
    }

    fn pair_blocked(&self, key: &str, ip: IpAddr) -> Option<Instant> {
        let pairs = self.pairs.lock().ok()?;
        let until = pairs.get(&(key.to_owned(), ip))?.until?;
        (until > Instant::now()).then_some(until)
    }

    fn check<K: Clone + std::hash::Hash + Eq>(
        &self,
        limiter: &DefaultKeyedRateLimiter<K>,
        key: &K,
        code: &'static str,
        what: &str,
    ) -> Result<(), Throttled> {
        if limiter.len() >= self.config.max_keys {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            Throttled::new(code, what, wait)
        })
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Self::new(ThrottleConfig::default())
    }
}

fn login_key(username: &str) -> String {
    username.chars().take(KEY_CHARS).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn strict() -> ThrottleConfig {
        ThrottleConfig {
            logins_per_address: Rate {
                burst: 3,
                every: Duration::from_secs(60),
            },
            logins_per_username: Rate {
                burst: 5,
                every: Duration::from_secs(60),
            },
            free_failures: 1,
            ..ThrottleConfig::default()
        }
    }

    #[test]
    fn an_address_gets_its_burst_then_429_with_a_retry_after() {
        let t = Throttle::new(strict());
        let ip = Some("10.0.0.1".parse().unwrap());
        for i in 0..3 {
            t.admit_login(ip, &format!("user{i}")).unwrap();
        }
        let refused = t.admit_login(ip, "user9").unwrap_err();
        assert_eq!(refused.code, "too_many_login_attempts");
        assert!(refused.retry_after >= Duration::from_secs(1));
        // Another address is not affected.
        t.admit_login(Some("10.0.0.2".parse().unwrap()), "user9")
            .unwrap();
    }

    #[test]
    fn consecutive_failures_of_a_pair_back_off_and_a_success_clears_them() {
        let t = Throttle::new(strict());
        let ip = Some("10.0.0.1".parse().unwrap());
        t.admit_login(ip, "acme").unwrap();
        t.record_login(ip, "acme", false);
        // one free failure, the second one starts the backoff
        t.admit_login(ip, "acme").unwrap();
        t.record_login(ip, "acme", false);
        let refused = t.admit_login(ip, "acme").unwrap_err();
        assert_eq!(refused.retry_after, Duration::from_secs(2));
        // the owner from elsewhere is not blocked
        let home = Some("10.0.0.9".parse().unwrap());
        t.admit_login(home, "acme").unwrap();
        t.record_login(ip, "acme", true);
        t.admit_login(ip, "acme").unwrap();
    }

    #[test]
    fn a_username_is_limited_across_addresses() {
        let t = Throttle::new(strict());
        for i in 0..5u8 {
            t.admit_login(Some(IpAddr::from([10, 0, 1, i])), "acme")
                .unwrap();
        }
        let refused = t
            .admit_login(Some("10.0.2.1".parse().unwrap()), "acme")
            .unwrap_err();
        assert!(refused.what.contains("account"), "{refused}");
    }

    #[test]
    fn callers_without_an_address_skip_the_address_limits() {
        let t = Throttle::new(strict());
        for _ in 0..50 {
            t.admit_write(None).unwrap();
        }
    }
}
