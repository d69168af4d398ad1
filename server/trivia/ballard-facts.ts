/**
 * Facts from the article about the series (dated 12 July 2025, Los Angeles),
 * written in the project's own words. `paragraph` is the paragraph of the
 * article each fact comes from (1 = the first). The project keeps no copy of
 * the article's text.
 */
export const BALLARD_ARTICLE = "Ballard premiere article, Los Angeles, 12 July 2025";

export const BALLARD_FACTS = {
  lead: { paragraph: 1, fact: "Maggie Q plays the title role, Detective Renée Ballard." },
  platform: { paragraph: 1, fact: "Ballard streams on Prime Video." },
  premiere: { paragraph: 1, fact: "The series premiered on 9 July 2025." },
  spinoff: { paragraph: 1, fact: "Ballard grows out of the world of Bosch and its sequel series, Bosch: Legacy." },
  firstLead: { paragraph: 1, fact: "Ballard is the first series in which Maggie Q has the leading role." },
  coldCase: { paragraph: 1, fact: "Ballard is put in charge of the LAPD's cold case unit, which is in a bad way." },
  dateline: { paragraph: 1, fact: "The article was filed from Los Angeles on 12 July 2025." },
  interviewDate: { paragraph: 2, fact: "Maggie Q spoke about the role in an interview on 8 July, the day before the premiere." },
  advice: { paragraph: 2, fact: "Titus Welliver gave Maggie Q advice as she got ready for the part." },
  boschActor: { paragraph: 2, fact: "Titus Welliver is the actor who played Harry Bosch." },
  brother: { paragraph: 2, fact: "Maggie Q described Titus Welliver as being like a brother to her." },
  adviceWords: { paragraph: 2, fact: "Welliver's advice, in short: claim your ground, don't back down, stay strong." },
  resources: { paragraph: 3, fact: "Ballard's unit tries to close old cases with too little money and too few resources." },
  conspiracy: { paragraph: 3, fact: "Ballard runs into a conspiracy inside her own department." },
  noHelp: { paragraph: 3, fact: "Maggie Q said the team is trying to work wonders while the LAPD makes it hard for her." },
  sister: { paragraph: 4, fact: "Among the murders Ballard looks into is the killing of a politician's sister." },
  volunteers: { paragraph: 4, fact: "Ballard works her cases with a group of volunteers." },
  boschHelps: { paragraph: 4, fact: "Harry Bosch turns up in the series to help Ballard with her investigations." },
  actionPast: { paragraph: 5, fact: "Maggie Q had played action roles before Ballard." },
  training: { paragraph: 5, fact: "Maggie Q called the training for playing a homicide detective \"very specific\"." },
  stuntDouble: { paragraph: 5, fact: "A stunt double performed some of the stunts." },
  malibu: { paragraph: 6, fact: "Part of the series was filmed in Malibu." },
  wildfires: { paragraph: 6, fact: "Wildfires later struck places where the show was filmed, which makes its setting bittersweet." },
  westSide: { paragraph: 6, fact: "Maggie Q said the show preserves a part of LA's West Side that no longer exists." },
  score: { paragraph: 7, fact: "At release the series held a 100% score on Rotten Tomatoes." },
  reviews: { paragraph: 7, fact: "That Rotten Tomatoes score rested on six reviews." },
  critics: { paragraph: 7, fact: "Critics liked Maggie Q's performance and the mystery, and said the show keeps the original's spirit with an identity of its own." },
  allTen: { paragraph: 8, fact: "All ten episodes were released at once." },
  releaseHour: { paragraph: 8, fact: "The episodes became available at 3 a.m. Eastern Time on 9 July." },
  connelly: { paragraph: 8, fact: "The show is based on the novels of Michael Connelly." },
  producer: { paragraph: 8, fact: "Michael Connelly is an executive producer of the series." },
} as const satisfies Record<string, { paragraph: number; fact: string }>;

export type BallardFactId = keyof typeof BALLARD_FACTS;

/**
 * Each of the article's eight paragraphs retold in the project's own words
 * (index 0 = paragraph 1), shown at the reveal as "Summary of paragraph N".
 */
export const BALLARD_SUMMARIES: readonly string[] = [
  "Maggie Q leads Ballard, a spinoff that Prime Video launched on 9 July 2025 in the same world as Bosch and its sequel, Bosch: Legacy. Her first starring role is Detective Renée Ballard, handed the LAPD's run-down cold case unit.",
  "In an interview on 8 July, Maggie Q said Titus Welliver, who spent years as Harry Bosch, coached her for the part: hold your ground, don't give in, stay strong. She counts him as a brother.",
  "Ballard's unit chases unsolved cases without enough money or staff, and she uncovers a conspiracy inside her own department. Maggie Q said the team is trying to work wonders while the LAPD stands in her way.",
  "Among the killings Ballard reopens is the murder of a politician's sister. Volunteers work the cold cases with her, and Bosch turns up now and then to help.",
  "Maggie Q had done action roles before, yet she found the training to play a homicide detective very particular. She was keen on the physical side of the part, though a stunt double took some of the stunts.",
  "Part of the show was filmed around Malibu, since struck by wildfires, which makes its scenery bittersweet. Maggie Q said the series keeps a piece of LA's West Side that is now gone.",
  "The first reviews were glowing: a 100% Rotten Tomatoes score from six reviews at launch. Critics liked her performance and the central mystery, and said the show keeps the original's spirit with a voice of its own.",
  "All ten episodes went up together at 3 a.m. Eastern on 9 July. The series is adapted from Michael Connelly's novels, and Connelly stays on as an executive producer.",
];

