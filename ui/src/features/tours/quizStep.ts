// A quiz step's body: the question, the answers as radios, Check and the feedback. It only
// tells the player (through `answeredNow`) that Next may be used; the player keeps which
// quizzes were answered in this visit.
import type { TourStep } from "../../bindings/types";
import { h, replaceChildren, uid, type Child } from "../../dom";
import type { I18n } from "../../i18n";
import { textBlock } from "../../tourTexts";

type QuizStep = Extract<TourStep, { kind: "quiz" }>;

export function quizBody(
  i18n: I18n,
  step: QuizStep,
  text: (id: string) => string,
  answeredNow: () => void,
): Child[] {
  const { t } = i18n;
  const textId = uid("tour-text");
  const name = uid("tour-quiz");
  const feedback = h("div", { class: "tour-quiz-feedback", role: "status", "data-testid": "tour-quiz-feedback" });
  const radios = step.answers.map((answer, i) =>
    h(
      "label",
      { class: "radio", for: `${name}-${i}` },
      h("input", { type: "radio", id: `${name}-${i}`, name, value: String(i), "data-testid": "tour-quiz-answer" }),
      h("span", null, text(answer.label)),
    ),
  );
  const checkAnswer = () => {
    const chosen = radios.map((label) => label.querySelector("input")!).findIndex((radio) => radio.checked);
    if (chosen < 0) {
      feedback.dataset.correct = "";
      replaceChildren(feedback, h("p", null, t("tour-quiz-pick")));
      return;
    }
    const answer = step.answers[chosen]!;
    feedback.dataset.correct = String(answer.correct);
    feedback.className = `tour-quiz-feedback ${answer.correct ? "success" : "notice"}`;
    replaceChildren(
      feedback,
      h("p", { class: "tour-quiz-verdict" }, answer.correct ? t("tour-quiz-right") : t("tour-quiz-wrong")),
      textBlock(text(answer.feedback)),
    );
    answeredNow();
  };
  return [
    textBlock(text(step.text), { id: textId }),
    h(
      "fieldset",
      { class: "radio-group tour-quiz", "aria-describedby": textId },
      h("legend", null, t("tour-quiz-legend")),
      h("div", { class: "radio-options radio-column" }, radios),
    ),
    h(
      "div",
      { class: "actions actions-start" },
      h("button", { type: "button", class: "btn", "data-testid": "tour-quiz-check", onclick: checkAnswer }, t("tour-quiz-check")),
    ),
    feedback,
  ];
}
