//! What a highlight step hands to the overlay of the space window: the target as the overlay
//! looks for it, the step as the overlay shows it (texts already localised by the UI), and what
//! the overlay reports back. Plain data shared by the shell, the UI and the overlay script
//! (`ui/src/overlay/types.ts` mirrors these shapes); no behaviour beyond conversions.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::format::{Advance, Target, TargetOpen, VersionRange};

/// A Nextcloud major-version range, both ends included, absent ends open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MajorRange {
    /// Oldest major version.
    pub min: Option<u32>,
    /// Newest major version.
    pub max: Option<u32>,
}

impl From<VersionRange> for MajorRange {
    fn from(r: VersionRange) -> Self {
        Self {
            min: r.min,
            max: r.max,
        }
    }
}

/// One selector for the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HighlightCandidate {
    /// CSS selector, on stable hooks (`data-cy-*`, `aria-controls`, roles, `aria-label`).
    pub selector: String,
    /// Versions where it applies.
    pub nextcloud: Option<MajorRange>,
    /// Majors on whose real web interface it was seen to work; empty: unverified.
    #[serde(default)]
    pub verified: Vec<u32>,
}

/// What the overlay looks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HighlightTarget {
    /// How long to wait for it, in milliseconds (the overlay's default when absent).
    #[ts(type = "number | null")]
    pub wait_ms: Option<u64>,
    /// An action that reveals it first.
    pub open: Option<TargetOpen>,
    /// Tried in order; the first visible unique match wins.
    pub candidates: Vec<HighlightCandidate>,
}

/// The live part of a highlight step, as the tour player receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HighlightLive {
    /// `next` (a button), `click` (on the target) or `check` (the step's task check).
    pub advance: String,
    /// What to point at.
    pub target: HighlightTarget,
    /// The page that holds the target, under `index.php/` (the step's `page`, else the tour's
    /// first app: `apps/<app>/`), if any.
    pub page: Option<String>,
}

impl HighlightLive {
    /// From a validated step of a tour for `apps`.
    pub fn of(advance: Advance, target: &Target, apps: &[String]) -> Self {
        Self {
            page: target
                .page
                .clone()
                .or_else(|| apps.first().map(|a| format!("apps/{a}/"))),
            advance: advance_name(advance).to_owned(),
            target: HighlightTarget {
                wait_ms: target.wait_ms,
                open: target.open.clone(),
                candidates: target
                    .candidates
                    .iter()
                    .map(|c| HighlightCandidate {
                        selector: c.selector.clone(),
                        nextcloud: c.nextcloud.map(Into::into),
                        verified: c.verified.clone(),
                    })
                    .collect(),
            },
        }
    }
}

/// The name of an `advance` value, as written in `tour.toml`.
pub fn advance_name(advance: Advance) -> &'static str {
    match advance {
        Advance::Next => "next",
        Advance::Click => "click",
        Advance::Check => "check",
    }
}

/// Words of the popover, in the person's language (formatted by the UI from Fluent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverlayLabels {
    /// The dialog's name ("Guided tour").
    pub dialog: String,
    /// "Step 3 of 9".
    pub progress: String,
    /// Back button.
    pub back: String,
    /// Next button.
    pub next: String,
    /// Next button on the last step.
    pub done: String,
    /// Close button.
    pub close: String,
    /// Said before the fallback words when the target was not found.
    pub not_found: String,
    /// Said when the step waits for a click on the target.
    pub click_hint: String,
    /// Said when the step waits for its task check.
    pub check_hint: String,
    /// The strip on Nextcloud's sign-in pages ("Sign in first").
    pub sign_in: String,
    /// The strip on a page of the space that does not hold the step's target.
    pub elsewhere: String,
    /// The strip's link to the step's page.
    pub go_there: String,
}

/// The step the overlay shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverlayStep {
    /// Tour id.
    pub tour_id: String,
    /// Step id.
    pub step_id: String,
    /// 0-based position in the tour.
    pub index: u32,
    /// Number of steps.
    pub total: u32,
    /// The step's text, localised.
    pub text: String,
    /// Where to find the target, in words, localised.
    pub fallback: String,
    /// `next`, `click` or `check`.
    pub advance: String,
    /// What to point at.
    pub target: HighlightTarget,
    /// The page that holds the target, under `index.php/`: the space window goes there when it
    /// shows another one.
    #[serde(default)]
    pub page: Option<String>,
    /// The server's major version, when known; `null` tries every candidate.
    pub nextcloud_major: Option<u32>,
    /// The server's full version, for tour health ("29.0.6"), when known.
    pub nextcloud_version: Option<String>,
    /// Popover words.
    pub labels: OverlayLabels,
}

/// What the overlay reports: the person's actions and the targets it could not find.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "event",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum OverlayReport {
    /// Next (or Finish) pressed.
    Next {
        /// Tour id.
        tour_id: String,
        /// Step id.
        step_id: String,
    },
    /// Back pressed.
    Back {
        /// Tour id.
        tour_id: String,
        /// Step id.
        step_id: String,
    },
    /// Close pressed, or Esc.
    Close {
        /// Tour id.
        tour_id: String,
        /// Step id.
        step_id: String,
    },
    /// The person clicked the highlighted element.
    Clicked {
        /// Tour id.
        tour_id: String,
        /// Step id.
        step_id: String,
    },
    /// The target was found and lit up.
    Shown {
        /// Tour id.
        tour_id: String,
        /// Step id.
        step_id: String,
    },
    /// The window shows a Nextcloud sign-in page (login, two-factor, consent): the step waits.
    SignIn {
        /// Tour id.
        tour_id: String,
        /// Step id.
        step_id: String,
    },
    /// No candidate appeared in time on the step's page.
    Missed {
        /// Tour id.
        tour_id: String,
        /// Step id.
        step_id: String,
        /// The selectors tried (those whose range fits the version).
        tried: Vec<String>,
    },
}

impl OverlayReport {
    /// The tour and step it is about.
    pub fn step(&self) -> (&str, &str) {
        match self {
            Self::Next { tour_id, step_id }
            | Self::Back { tour_id, step_id }
            | Self::Close { tour_id, step_id }
            | Self::Clicked { tour_id, step_id }
            | Self::Shown { tour_id, step_id }
            | Self::SignIn { tour_id, step_id }
            | Self::Missed {
                tour_id, step_id, ..
            } => (tour_id, step_id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_read_as_the_overlay_sends_them() {
        let r: OverlayReport = serde_json::from_value(serde_json::json!({
            "event": "missed", "tourId": "files", "stepId": "new-button", "tried": ["a", "b"]
        }))
        .unwrap();
        assert_eq!(r.step(), ("files", "new-button"));
        assert!(matches!(r, OverlayReport::Missed { ref tried, .. } if tried.len() == 2));
        let bad = serde_json::from_value::<OverlayReport>(serde_json::json!({
            "event": "eval", "tourId": "files", "stepId": "x"
        }));
        assert!(bad.is_err());
    }
}
