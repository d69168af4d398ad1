import { BALLARD_ARTICLE, BALLARD_FACTS, BALLARD_SUMMARIES, type BallardFactId } from "./ballard-facts";
import type { Question, Source } from "./question";

/** The built-in deck: questions about the series, each tied to its facts and the summary of their paragraph. */
const from = (...ids: BallardFactId[]): Source[] =>
  ids.map((id) => ({ article: BALLARD_ARTICLE, ...BALLARD_FACTS[id], summary: BALLARD_SUMMARIES[BALLARD_FACTS[id].paragraph - 1]! }));

export const BALLARD_DECK: readonly Question[] = [
  // Multiple choice: the distractors are of the answer's kind.
  { id: "lead-actor", kind: "choice", prompt: "Who plays Detective Renée Ballard?", options: ["Maggie Q", "Lucy Liu", "Sandra Oh", "Mireille Enos"], answer: 0, sources: from("lead") },
  { id: "platform", kind: "choice", prompt: "Which streaming service premiered Ballard?", options: ["Netflix", "Prime Video", "Hulu", "Peacock"], answer: 1, sources: from("platform") },
  { id: "parent-series", kind: "choice", prompt: "Ballard is a spinoff of which series?", options: ["The Rookie", "Southland", "Bosch", "The Lincoln Lawyer"], answer: 2, sources: from("spinoff") },
  { id: "unit", kind: "choice", prompt: "Which LAPD unit does Ballard head?", options: ["Robbery-Homicide", "Internal Affairs", "Narcotics", "The cold case unit"], answer: 3, sources: from("coldCase") },
  { id: "adviser", kind: "choice", prompt: "Which actor gave Maggie Q advice before she took the role?", options: ["Titus Welliver", "Lance Reddick", "Jamie Hector", "Nathan Fillion"], answer: 0, sources: from("advice") },
  { id: "welliver-role", kind: "choice", prompt: "Which character did Titus Welliver play?", options: ["Jerry Edgar", "Harry Bosch", "Mickey Haller", "Irvin Irving"], answer: 1, sources: from("boschActor") },
  { id: "victim", kind: "choice", prompt: "Among Ballard's cases is the murder of whose sister?", options: ["A judge's", "A police chief's", "A politician's", "A reporter's"], answer: 2, sources: from("sister") },
  { id: "partners", kind: "choice", prompt: "Who does Ballard work her cold cases with?", options: ["FBI agents", "Private investigators", "Retired judges", "A group of volunteers"], answer: 3, sources: from("volunteers") },
  { id: "filming-place", kind: "choice", prompt: "Where was part of the series filmed?", options: ["Malibu", "Pasadena", "Long Beach", "San Diego"], answer: 0, sources: from("malibu") },
  { id: "review-site", kind: "choice", prompt: "On which site did Ballard open with a 100% score?", options: ["Metacritic", "Rotten Tomatoes", "IMDb", "Letterboxd"], answer: 1, sources: from("score") },
  { id: "author", kind: "choice", prompt: "Whose novels is the show based on?", options: ["Harlan Coben", "James Ellroy", "Michael Connelly", "Don Winslow"], answer: 2, sources: from("connelly") },
  { id: "connelly-role", kind: "choice", prompt: "What is Michael Connelly's role on the series?", options: ["Director", "Guest star", "Composer", "Executive producer"], answer: 3, sources: from("producer") },
  { id: "disaster", kind: "choice", prompt: "What later struck the places where the show was filmed?", options: ["Wildfires", "A flood", "An earthquake", "A mudslide"], answer: 0, sources: from("wildfires") },
  { id: "training-words", kind: "choice", prompt: "How did Maggie Q describe the training for playing a homicide detective?", options: ["Exhausting", "Very specific", "Surprisingly easy", "Like boot camp"], answer: 1, sources: from("training") },
  { id: "welliver-like", kind: "choice", prompt: "Maggie Q said Titus Welliver is like her…", options: ["Mentor", "Coach", "Brother", "Father"], answer: 2, sources: from("brother") },

  // True or false.
  { id: "first-lead", kind: "truefalse", prompt: "Ballard is Maggie Q's first leading role.", answer: true, sources: from("firstLead") },
  { id: "own-stunts", kind: "truefalse", prompt: "Maggie Q performed every one of her stunts herself.", answer: false, sources: from("stuntDouble") },
  { id: "weekly", kind: "truefalse", prompt: "The episodes were released one a week.", answer: false, sources: from("allTen") },
  { id: "bosch-appears", kind: "truefalse", prompt: "Harry Bosch appears in Ballard to help with her investigations.", answer: true, sources: from("boschHelps") },
  { id: "well-funded", kind: "truefalse", prompt: "Ballard's unit has all the money and resources it needs.", answer: false, sources: from("resources") },
  { id: "conspiracy", kind: "truefalse", prompt: "Ballard faces a conspiracy inside the LAPD.", answer: true, sources: from("conspiracy") },
  { id: "no-action", kind: "truefalse", prompt: "Maggie Q had never played an action role before Ballard.", answer: false, sources: from("actionPast") },
  { id: "west-side", kind: "truefalse", prompt: "Maggie Q said the show captured a part of LA's West Side that is now gone.", answer: true, sources: from("westSide") },
  { id: "lapd-helps", kind: "truefalse", prompt: "According to Maggie Q, the LAPD makes things easy for Ballard's team.", answer: false, sources: from("noHelp") },

  // Numbers: the closest guess wins; points by closeness.
  { id: "review-count", kind: "number", prompt: "On how many reviews did the opening Rotten Tomatoes score rest?", answer: 6, tolerance: 10, unit: "reviews", sources: from("reviews") },
  { id: "score-percent", kind: "number", prompt: "What was the show's Rotten Tomatoes score at release?", answer: 100, tolerance: 40, unit: "%", sources: from("score") },
  { id: "episode-count", kind: "number", prompt: "How many episodes were released on premiere day?", answer: 10, tolerance: 8, unit: "episodes", sources: from("allTen") },
  { id: "release-hour", kind: "number", prompt: "At what hour (a.m., Eastern Time) did the episodes become available?", answer: 3, tolerance: 4, unit: "a.m. ET", sources: from("releaseHour") },
  { id: "premiere-day", kind: "number", prompt: "On what day of July 2025 did Ballard premiere?", answer: 9, tolerance: 10, unit: "July", sources: from("premiere") },
  { id: "interview-day", kind: "number", prompt: "On what day of July 2025 did Maggie Q give the interview?", answer: 8, tolerance: 10, unit: "July", sources: from("interviewDate") },

  // Order: items are kept in the right order; players see them shuffled.
  {
    id: "series-order",
    kind: "order",
    prompt: "Put the series in the order they came out.",
    items: ["Bosch", "Bosch: Legacy", "Ballard"],
    sources: from("spinoff"),
  },
  {
    id: "july-order",
    kind: "order",
    prompt: "Put these in time order.",
    items: ["Maggie Q's interview", "All ten episodes go live", "The article is filed"],
    sources: from("interviewDate", "releaseHour", "dateline"),
  },
  {
    id: "malibu-order",
    kind: "order",
    prompt: "Put these in time order.",
    items: ["Filming in Malibu", "Wildfires strike the filming locations", "The premiere on Prime Video"],
    sources: from("malibu", "wildfires", "premiere"),
  },

  // Type the answer: case, accents and extra spaces do not matter.
  { id: "first-name", kind: "text", prompt: "Type Detective Ballard's first name.", accepted: ["Renée"], sources: from("lead") },
  { id: "bosch-actor", kind: "text", prompt: "Type the name of the actor who played Harry Bosch.", accepted: ["Titus Welliver", "Welliver"], sources: from("boschActor") },
  { id: "fire-town", kind: "text", prompt: "Type the name of the place where the show was filmed that wildfires later hit.", accepted: ["Malibu"], sources: from("malibu", "wildfires") },
  { id: "novelist", kind: "text", prompt: "Type the name of the author whose books the show is based on.", accepted: ["Michael Connelly", "Connelly"], sources: from("connelly") },
  { id: "service", kind: "text", prompt: "Type the name of the streaming service Ballard premiered on.", accepted: ["Prime Video", "Amazon Prime Video", "Prime", "Amazon Prime"], sources: from("platform") },
];
