/**
 * Demo prompts: reasoning (logic puzzles, estimation, everyday inference). Written for Concord's demo
 * dataset; each has a reference answer and a tempting wrong variant.
 */
import type { DemoPromptSource } from "../types";

export const reasoningPrompts: DemoPromptSource[] = [
  {
    externalId: "demo-reasoning-01",
    category: "reasoning",
    language: "en",
    reference: "5 cents",
    turns: [
      {
        user: "A bat and a ball cost $1.10 together. The bat costs $1.00 more than the ball. How much is the ball?",
        core: {
          answer: "The ball costs 5 cents.",
          points: ["Let the ball be b; the bat is b + 1.00.", "2b + 1.00 = 1.10, so b = 0.05."],
          example: "Check: $0.05 + $1.05 = $1.10, and the difference is exactly $1.00.",
        },
        wrong: { answer: "The ball costs 10 cents, and the bat $1.00." },
      },
    ],
  },
  {
    externalId: "demo-reasoning-02",
    category: "reasoning",
    language: "en",
    reference: "Some roses may or may not fade quickly; the conclusion does not follow.",
    turns: [
      {
        user: "All roses are flowers. Some flowers fade quickly. Does it follow that some roses fade quickly?",
        core: {
          answer: "No. The premises allow it but don't guarantee it.",
          points: [
            "The flowers that fade quickly could all be non-roses.",
            "\"Some A are B\" and \"all C are A\" never imply \"some C are B\".",
          ],
          example: "All cats are animals; some animals fly. It does not follow that some cats fly.",
        },
        wrong: { answer: "Yes: roses are flowers, and some flowers fade quickly, so some roses must." },
      },
    ],
  },
  {
    externalId: "demo-reasoning-03",
    category: "reasoning",
    language: "en",
    reference: "5 minutes",
    turns: [
      {
        user: "If 5 machines make 5 widgets in 5 minutes, how long do 100 machines take to make 100 widgets?",
        core: {
          answer: "5 minutes.",
          points: ["Each machine makes one widget in 5 minutes.", "100 machines working in parallel make 100 widgets in the same 5 minutes."],
          example: "Doubling both machines and widgets never changes the time.",
        },
        wrong: { answer: "100 minutes, because the numbers scale by 20." },
      },
    ],
  },
  {
    externalId: "demo-reasoning-04",
    category: "reasoning",
    language: "en",
    reference: "47 days",
    turns: [
      {
        user: "A lily pad patch doubles in size every day. It covers the whole lake in 48 days. When did it cover half the lake?",
        core: {
          answer: "On day 47.",
          points: ["Because it doubles daily, the day before full coverage it was half."],
          example: "On day 46 it covered a quarter, on day 45 an eighth.",
        },
        wrong: { answer: "On day 24, halfway through the 48 days." },
      },
    ],
  },
  {
    externalId: "demo-reasoning-05",
    category: "reasoning",
    language: "en",
    reference: "Switch: 2/3 chance of winning.",
    turns: [
      {
        user: "In the Monty Hall problem, should I switch doors after the host opens a goat door?",
        core: {
          answer: "Yes, switch: you win with probability 2/3 instead of 1/3.",
          points: [
            "Your first pick is right 1/3 of the time.",
            "The host always reveals a goat, so the 2/3 of the other doors concentrates on the remaining one.",
          ],
          example: "With 100 doors, the host opens 98 goats; switching wins 99 times out of 100.",
        },
        wrong: { answer: "It doesn't matter: two doors remain, so it's 50/50." },
      },
    ],
  },
  {
    externalId: "demo-reasoning-06",
    category: "reasoning",
    language: "en",
    reference: "Roughly 100–200 piano tuners (order of magnitude 10²).",
    turns: [
      {
        user: "Estimate how many piano tuners work in a city of 1 million people. Show your reasoning.",
        core: {
          answer: "Roughly 100 to 200 — on the order of a hundred.",
          points: [
            "About 400,000 households; maybe 1 in 20 has a piano, plus schools and venues: ~25,000 pianos.",
            "Each is tuned about once a year: ~25,000 tunings per year.",
            "A tuner does ~4 a day, ~200 days a year: ~800 per tuner, so ~30 full-time equivalents; with part-timers, 50–150.",
          ],
          example: "Changing the piano share to 1 in 10 doubles the estimate: the order of magnitude is what matters.",
        },
        wrong: { answer: "About 10,000 — roughly one tuner for every 100 people." },
      },
    ],
  },
  {
    externalId: "demo-reasoning-07",
    category: "reasoning",
    language: "en",
    reference: "Alice is the oldest (Alice > Carol > Bob).",
    turns: [
      {
        user: "Alice is older than Carol. Bob is younger than Carol. Who is the oldest?",
        core: {
          answer: "Alice is the oldest.",
          points: ["Alice > Carol, and Carol > Bob.", "So Alice > Carol > Bob."],
          example: "Placing them on a number line makes the order obvious.",
        },
        wrong: { answer: "Carol is the oldest, since she is older than Bob." },
      },
      {
        user: "Now add Dana, who is older than Bob but younger than Alice. Can we tell whether Dana is older than Carol?",
        core: {
          answer: "No. Dana sits somewhere between Bob and Alice, which could be on either side of Carol.",
          points: ["We know Alice > Dana > Bob and Alice > Carol > Bob.", "Nothing relates Dana to Carol directly."],
          example: "Alice 40, Dana 35, Carol 30, Bob 20 fits the facts, and so does Alice 40, Carol 35, Dana 30, Bob 20.",
        },
        wrong: { answer: "Yes, Dana must be younger than Carol because Carol was listed first." },
      },
    ],
  },
  {
    externalId: "demo-reasoning-08",
    category: "reasoning",
    language: "en",
    reference: "A and 7.",
    turns: [
      {
        user: "Four cards show A, K, 8 and 7. Rule: \"If a card has a vowel on one side, it has an even number on the other.\" Which cards must you turn over to test the rule?",
        core: {
          answer: "Turn over A and 7.",
          points: [
            "A could hide an odd number, breaking the rule.",
            "7 could hide a vowel, breaking the rule.",
            "K and 8 cannot break it, whatever is on the back.",
          ],
          example: "This is the Wason selection task; most people wrongly pick A and 8.",
        },
        wrong: { answer: "Turn over A and 8, to check the vowel and the even number." },
      },
    ],
  },
  {
    externalId: "demo-reasoning-09",
    category: "reasoning",
    language: "en",
    reference: "Tuesday",
    turns: [
      {
        user: "If the day after tomorrow is Friday, what day was yesterday?",
        core: {
          answer: "Yesterday was Tuesday.",
          points: ["Day after tomorrow = Friday, so tomorrow is Thursday and today is Wednesday.", "Yesterday was Tuesday."],
          example: "Counting back two days from Friday gives today; one more gives yesterday.",
        },
        wrong: { answer: "Yesterday was Wednesday." },
      },
    ],
  },
  {
    externalId: "demo-reasoning-10",
    category: "reasoning",
    language: "en",
    reference: "Two weighings (three groups of three, then one against one).",
    turns: [
      {
        user: "You have 9 coins; one is heavier. With a balance scale, what is the minimum number of weighings to find it?",
        core: {
          answer: "Two weighings.",
          points: [
            "Split into three groups of three and weigh two groups: the heavier side, or the group left out, holds the coin.",
            "Repeat with the three coins of that group: weigh one against one.",
          ],
          example: "Each weighing has three outcomes, so two weighings distinguish 3² = 9 cases.",
        },
        wrong: { answer: "Three weighings: halve the coins each time (4 vs 4, then 2 vs 2, then 1 vs 1)." },
      },
    ],
  },
];
