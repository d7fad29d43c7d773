//! The channel each hand-over run streams on: progress, then its end once. A run keeps going
//! when the person leaves the screen, so the channel is the one of the screen that started,
//! resumed or last followed it (`handover_follow`). Owns only that map; it must not run,
//! cancel or record anything (`passerelle_core::handover::Runs` and the commands do).

use std::collections::HashMap;
use std::sync::Mutex;

use passerelle_core::IpcError;
use passerelle_core::handover::{self, Progress};
use serde::Serialize;
use tauri::ipc::Channel;
use ts_rs::TS;

/// How a run ended: its outcome, or the error that stopped it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoverFinished {
    /// The job.
    #[ts(type = "number")]
    pub job_id: i64,
    /// What the run did, when it ran to its end (or was cancelled).
    pub outcome: Option<handover::RunOutcome>,
    /// What stopped it otherwise.
    pub error: Option<IpcError>,
}

impl HandoverFinished {
    /// The end of `job`'s run from its result.
    pub fn of(job_id: i64, result: Result<handover::RunOutcome, IpcError>) -> Self {
        let (outcome, error) = match result {
            Ok(outcome) => (Some(outcome), None),
            Err(e) => (None, Some(e)),
        };
        Self {
            job_id,
            outcome,
            error,
        }
    }
}

/// What a run streams to the screen following it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "event", content = "data", rename_all = "camelCase")]
pub enum HandoverEvent {
    /// Where the run is (sent often; the last one again when a screen follows).
    Progress(Progress),
    /// The run ended (sent once, last).
    Finished(HandoverFinished),
}

/// The current channel of each run going on, by job id.
#[derive(Default)]
pub struct HandoverChannels {
    by_job: Mutex<HashMap<i64, Channel<HandoverEvent>>>,
}

impl std::fmt::Debug for HandoverChannels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let jobs: Vec<i64> = self.lock().keys().copied().collect();
        f.debug_struct("HandoverChannels")
            .field("jobs", &jobs)
            .finish()
    }
}

impl HandoverChannels {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Channel<HandoverEvent>>> {
        self.by_job.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// From now on `job`'s run streams on `channel` (the previous screen's is dropped).
    pub fn attach(&self, job: i64, channel: Channel<HandoverEvent>) {
        self.lock().insert(job, channel);
    }

    /// Sends `event` to the screen following `job`, if any (a closed screen is not an error).
    pub fn send(&self, job: i64, event: HandoverEvent) {
        if let Some(channel) = self.lock().get(&job) {
            let _ = channel.send(event);
        }
    }

    /// Sends the end of `job`'s run and forgets its channel.
    pub fn finish(&self, finished: HandoverFinished) {
        if let Some(channel) = self.lock().remove(&finished.job_id) {
            let _ = channel.send(HandoverEvent::Finished(finished));
        }
    }

    /// Forgets `job`'s channel without a word (its run is not going on).
    pub fn detach(&self, job: i64) {
        self.lock().remove(&job);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The UI switches on `event` and reads `data`, like the updater's and the workshop's.
    #[test]
    fn events_are_tagged_like_the_other_channels() {
        let finished = HandoverFinished::of(7, Err(IpcError::new("handover-x", "stopped")));
        let json = serde_json::to_value(HandoverEvent::Finished(finished)).unwrap();
        assert_eq!(json["event"], "finished");
        assert_eq!(json["data"]["jobId"], 7);
        assert_eq!(json["data"]["error"]["code"], "handover-x");
        assert!(json["data"]["outcome"].is_null());
    }
}
