// A choice step's body: the words and one button per option; the player decides where each
// option's `goto` leads.
import type { TourStep } from "../../bindings/types";
import { h, uid, type Child } from "../../dom";
import { textBlock } from "../../tourTexts";

type ChoiceStep = Extract<TourStep, { kind: "choice" }>;

export function choiceBody(step: ChoiceStep, text: (id: string) => string, goTo: (target: string) => void): Child[] {
  const textId = uid("tour-text");
  return [
    textBlock(text(step.text), { id: textId }),
    h(
      "div",
      { class: "tour-choices", role: "group", "aria-labelledby": textId },
      step.options.map((option) =>
        h(
          "button",
          { type: "button", class: "btn", "data-testid": "tour-choice", "data-goto": option.goto, onclick: () => goTo(option.goto) },
          text(option.label),
        ),
      ),
    ),
  ];
}
