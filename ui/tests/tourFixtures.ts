// Tours for the fake backend: "discover" has every kind of step; the others
// fill the sections of the Tours screen. Their texts come from `tour_messages`
// (as a pack's would), since the fake has no locales/<lang>/tours/*.ftl.
import type { TourStep } from "../src/bindings/types";
import { LOGO, type FakePack, type FakeTour } from "./fakeBackend";

export const DISCOVER_STEPS = ["welcome", "create-folder", "already-know", "share-icon", "quiz", "app-password", "bye"];

function tour(
  id: string,
  steps: TourStep[],
  extra: Partial<FakeTour["summary"]> = {},
  checks: FakeTour["checks"] = {},
): FakeTour {
  return {
    summary: {
      id,
      version: 1,
      title: `tour-test-${id}-title`,
      summary: `tour-test-${id}-summary`,
      audience: "member",
      minutes: 10,
      source: "bundled",
      available: true,
      unavailableReason: null,
      ...extra,
    },
    steps,
    checks,
  };
}

const explain = (id: string, text = "tour-test-simple-step"): TourStep => ({ kind: "explain", id, text, picture: null, show: null });

export function discoverTour(): FakeTour {
  return tour(
    "discover",
    [
      { kind: "explain", id: "welcome", text: "tour-test-welcome", picture: LOGO, show: null },
      {
        kind: "task",
        id: "create-folder",
        text: "tour-test-create-folder",
        hint: "tour-test-create-folder-hint",
        checkType: "folder-exists",
        needsInput: false,
      },
      {
        kind: "choice",
        id: "already-know",
        text: "tour-test-already-know",
        options: [
          { label: "tour-test-already-know-skip", goto: "quiz" },
          { label: "tour-test-already-know-more", goto: "next" },
        ],
      },
      { kind: "highlight", id: "share-icon", text: "tour-test-share-icon", fallback: "tour-test-share-icon-fallback" },
      {
        kind: "quiz",
        id: "quiz",
        text: "tour-test-quiz",
        answers: [
          { label: "tour-test-quiz-a", correct: true, feedback: "tour-test-quiz-a-feedback" },
          { label: "tour-test-quiz-b", correct: false, feedback: "tour-test-quiz-b-feedback" },
        ],
      },
      {
        kind: "task",
        id: "app-password",
        text: "tour-test-app-password",
        hint: null,
        checkType: "app-password-valid",
        needsInput: true,
      },
      explain("bye", "tour-test-bye"),
    ],
    {},
    {
      "create-folder": (backend) =>
        backend.folders.has("Bureau")
          ? { done: true, evidence: "/Bureau", missing: null, offline: false }
          : {
              done: false,
              evidence: null,
              missing: { messageId: "tour-test-missing-folder", args: { path: "Bureau" } },
              offline: false,
            },
      "app-password": (_backend, input) =>
        input === "good-password"
          ? { done: true, evidence: null, missing: null, offline: false }
          : { done: false, evidence: null, missing: { messageId: "tour-test-missing-password", args: {} }, offline: false },
    },
  );
}

/** discover (new), calendar (3 steps), contacts (2 steps), admin (admin), talk (unavailable). */
export function allTours(): FakeTour[] {
  return [
    discoverTour(),
    tour("calendar", [explain("c1"), explain("c2"), explain("c3")], { minutes: 5 }),
    tour("contacts", [explain("k1"), explain("k2")], { minutes: 1 }),
    tour("admin", [explain("a1")], { audience: "admin" }),
    tour("talk", [explain("t1")], { available: false, unavailableReason: "tour-unavailable-app" }),
  ];
}

const TITLES_FR = `
tour-test-discover-title = Découvrir { $space }
tour-test-discover-summary = Les premiers pas dans { $space }.
tour-test-calendar-title = L’agenda
tour-test-calendar-summary = Créer un évènement.
tour-test-contacts-title = Les contacts
tour-test-contacts-summary = Ajouter un contact.
tour-test-admin-title = Gérer les comptes
tour-test-admin-summary = Pour les administrateur·ices.
tour-test-talk-title = Discuter
tour-test-talk-summary = Les conversations.
tour-test-simple-step = Une étape.
tour-test-welcome = Bonjour { $name }, bienvenue dans { $space } !

    Suivez le guide.
tour-test-create-folder = Créez un dossier « Bureau » dans vos Fichiers.
tour-test-create-folder-hint = Le bouton « + Nouveau », en haut.
tour-test-missing-folder = Pas encore de dossier « { $path } » dans vos Fichiers.
tour-test-already-know = Savez-vous déjà partager ?
tour-test-already-know-skip = Oui, je passe
tour-test-already-know-more = Non, montrez-moi
tour-test-share-icon = Cliquez sur l’icône de partage.
tour-test-share-icon-fallback = Elle est à droite du nom du fichier.
tour-test-quiz = Qui voit un fichier partagé par lien ?
tour-test-quiz-a = Toute personne qui a le lien
tour-test-quiz-a-feedback = Oui : gardez le lien pour vous.
tour-test-quiz-b = Personne
tour-test-quiz-b-feedback = Si : toute personne qui a le lien.
tour-test-app-password = Créez un mot de passe d’application.
tour-test-missing-password = Ce mot de passe ne fonctionne pas.
tour-test-bye = À bientôt !
`;

const TITLES_EN = `
tour-test-discover-title = Discover { $space }
tour-test-discover-summary = First steps in { $space }.
tour-test-calendar-title = The calendar
tour-test-calendar-summary = Create an event.
tour-test-contacts-title = Contacts
tour-test-contacts-summary = Add a contact.
tour-test-admin-title = Manage accounts
tour-test-admin-summary = For administrators.
tour-test-talk-title = Chat
tour-test-talk-summary = Conversations.
tour-test-simple-step = A step.
tour-test-welcome = Hello { $name }, welcome to { $space }!

    Follow the guide.
tour-test-create-folder = Create a “Bureau” folder in your Files.
tour-test-create-folder-hint = The “+ New” button, at the top.
tour-test-missing-folder = No “{ $path }” folder in your Files yet.
tour-test-already-know = Do you already know how to share?
tour-test-already-know-skip = Yes, skip
tour-test-already-know-more = No, show me
tour-test-share-icon = Click the share icon.
tour-test-share-icon-fallback = It is right of the file's name.
tour-test-quiz = Who sees a file shared by link?
tour-test-quiz-a = Anyone with the link
tour-test-quiz-a-feedback = Yes: keep the link to yourself.
tour-test-quiz-b = Nobody
tour-test-quiz-b-feedback = Anyone with the link does.
tour-test-app-password = Create an app password.
tour-test-missing-password = This password does not work.
tour-test-bye = See you soon!
`;

export const TOUR_MESSAGES = { fr: TITLES_FR, en: TITLES_EN };

export const PACK_PATH = "/home/camille/parcours-asso.zip";

export function fakePack(): FakePack {
  return {
    tours: [
      tour("pack-tour", [explain("p1", "tour-pack-test-step")], { source: "pack", title: "tour-pack-test-title", summary: "tour-pack-test-summary" }),
    ],
    broken: [
      {
        source: "tours/broken/tour.toml",
        problems: [
          {
            file: "tours/broken/tour.toml",
            line: 12,
            message: 'unknown step kind "video"',
            fix: "Use one of: explain, task, choice, quiz, highlight.",
          },
          { file: "locales/fr/broken.ftl", line: null, message: "missing message tour-broken-title", fix: "Add it." },
        ],
      },
    ],
    messages: {
      fr: "tour-pack-test-title = Le parcours du pack\ntour-pack-test-summary = Venu d’un pack.\ntour-pack-test-step = Une étape du pack.\n",
      en: "tour-pack-test-title = The pack's tour\ntour-pack-test-summary = From a pack.\ntour-pack-test-step = A pack step.\n",
    },
  };
}
