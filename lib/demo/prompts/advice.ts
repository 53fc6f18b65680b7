/**
 * Demo prompts: advice (career, health habits, money, everyday life). Written for Concord's demo dataset.
 */
import type { DemoPromptSource } from "../types";

export const advicePrompts: DemoPromptSource[] = [
  {
    externalId: "demo-advice-01",
    category: "advice",
    language: "en",
    turns: [
      {
        user: "How can I get better at waking up early?",
        core: {
          answer: "Move your wake-up time gradually and keep it fixed every day, weekends included.",
          points: [
            "Shift by 15 minutes every few days rather than all at once.",
            "Get daylight within 30 minutes of waking; it anchors your body clock.",
            "Put the alarm across the room and stop screens an hour before bed.",
          ],
          example: "To go from 8:00 to 6:30, try 7:45 for three days, then 7:30, and so on over two weeks.",
        },
      },
    ],
  },
  {
    externalId: "demo-advice-02",
    category: "advice",
    language: "en",
    turns: [
      {
        user: "I have a job interview for a junior developer role next week. How should I prepare?",
        core: {
          answer: "Research the company, practise explaining two of your projects, and rehearse a few coding problems out loud.",
          points: [
            "Read their product and recent engineering posts so you can ask specific questions.",
            "Prepare short stories for teamwork, a mistake, and something you learned quickly.",
            "Practise thinking aloud on easy-to-medium problems; clarity matters more than speed.",
          ],
          example: "A good question to ask: \"What does a new developer's first month usually look like here?\"",
        },
      },
    ],
  },
  {
    externalId: "demo-advice-03",
    category: "advice",
    language: "en",
    turns: [
      {
        user: "What's a simple way to start budgeting if I've never done it?",
        core: {
          answer: "Track one month of spending, then split your income into needs, wants and savings.",
          points: [
            "A common starting rule is 50/30/20 for needs, wants and savings.",
            "Automate the savings transfer on payday so it happens first.",
            "Review once a week for ten minutes rather than aiming for perfection.",
          ],
          example: "On a $2,500 monthly income: $1,250 needs, $750 wants, $500 savings.",
        },
      },
      {
        user: "What if my rent alone is more than half my income?",
        core: {
          answer: "Then adapt the split: keep savings small but automatic, and cut wants first.",
          points: [
            "Even 5% saved consistently builds the habit and a buffer.",
            "Look at the second-largest costs (transport, phone, subscriptions) for quick wins.",
            "Longer term, a cheaper place or a flatmate has the biggest effect.",
          ],
          example: "With $1,400 rent on $2,500: try $900 for other needs and wants, $200 savings.",
        },
      },
    ],
  },
  {
    externalId: "demo-advice-04",
    category: "advice",
    language: "en",
    turns: [
      {
        user: "My coworker keeps interrupting me in meetings. How do I handle it without causing drama?",
        core: {
          answer: "Hold your ground calmly in the moment, then talk to them privately if it continues.",
          points: [
            "Say \"I'd like to finish my point\" in a neutral tone and keep going.",
            "In private, describe the behaviour, not their character.",
            "Ask the meeting lead to rotate speakers if it's a wider pattern.",
          ],
          example: "\"In today's meeting I got cut off a few times — could you let me finish before jumping in?\"",
        },
      },
    ],
  },
  {
    externalId: "demo-advice-05",
    category: "advice",
    language: "en",
    turns: [
      {
        user: "How do I keep houseplants alive? I always overwater them.",
        core: {
          answer: "Water only when the top few centimetres of soil are dry, and always use pots with drainage holes.",
          points: [
            "Push a finger into the soil; if it's damp, wait.",
            "Water thoroughly, then empty the saucer after 15 minutes.",
            "Start with forgiving plants such as pothos, snake plants or ZZ plants.",
          ],
          example: "A snake plant in winter may need water only every three to four weeks.",
        },
      },
    ],
  },
  {
    externalId: "demo-advice-06",
    category: "advice",
    language: "en",
    turns: [
      {
        user: "I want to start running but I get out of breath after a minute. Any tips?",
        core: {
          answer: "Alternate short running and walking intervals, and run slowly enough to talk.",
          points: [
            "Start with 1 minute running, 2 minutes walking, repeated 8 times.",
            "Add a little running time each week; three sessions a week is plenty.",
            "Breathlessness at first is normal; see a doctor if you have chest pain or dizziness.",
          ],
          example: "Couch-to-5K style plans take about nine weeks to reach 30 minutes of continuous running.",
        },
      },
    ],
  },
  {
    externalId: "demo-advice-07",
    category: "advice",
    language: "en",
    turns: [
      {
        user: "Should I pay off my student loan faster or invest the extra money?",
        core: {
          answer: "Compare the loan's interest rate with a realistic investment return after tax and risk; first build an emergency fund.",
          points: [
            "High-rate debt (say above 6–7%) usually beats investing.",
            "Low-rate loans can make investing worthwhile, especially with an employer pension match.",
            "Paying debt is a guaranteed return; investing is not.",
          ],
          example: "At 3% interest with a 50% employer match, the match wins easily; at 8% interest, pay down the loan.",
        },
      },
    ],
  },
  {
    externalId: "demo-advice-08",
    category: "advice",
    language: "en",
    turns: [
      {
        user: "How do I tell a friend I can't lend them money again without ruining the friendship?",
        core: {
          answer: "Be kind, brief and clear, and don't over-explain.",
          points: [
            "Lead with care: you value the friendship.",
            "State the boundary as your policy, not a judgement of them.",
            "Offer other help if you genuinely can, such as helping them find resources.",
          ],
          example: "\"I care about you, and I've decided not to lend money to friends anymore. I'm happy to help you look at other options.\"",
        },
      },
    ],
  },
  {
    externalId: "demo-advice-09",
    category: "advice",
    language: "en",
    turns: [
      {
        user: "What's the best way to learn a new language as an adult with a full-time job?",
        core: {
          answer: "Do a little every day, focus on listening and speaking early, and use spaced repetition for vocabulary.",
          points: [
            "Twenty focused minutes daily beats a long weekend session.",
            "Use podcasts or audio courses on your commute.",
            "Book a weekly conversation with a tutor or exchange partner from the first month.",
          ],
          example: "A simple week: flashcards daily, two podcast episodes, one 30-minute conversation.",
        },
      },
    ],
  },
  {
    externalId: "demo-advice-10",
    category: "advice",
    language: "en",
    turns: [
      {
        user: "I feel overwhelmed by my to-do list. How do I decide what to do first?",
        core: {
          answer: "Pick the three tasks that matter most today, start with the hardest one, and park the rest.",
          points: [
            "Sort tasks by urgent and important; drop or delegate what's neither.",
            "Break the first task into a 10-minute step to get started.",
            "Write everything else down so it stops nagging you.",
          ],
          example: "\"Finish report\" becomes \"outline section 1\" — small enough to start now.",
        },
      },
    ],
  },
];
