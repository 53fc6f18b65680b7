/**
 * Demo prompts: writing (short creative and professional pieces). Written for Concord's demo dataset.
 * For these prompts the core `answer` is the piece itself and `points` are notes on the choices made.
 */
import type { DemoPromptSource } from "../types";

export const writingPrompts: DemoPromptSource[] = [
  {
    externalId: "demo-writing-01",
    category: "writing",
    language: "en",
    turns: [
      {
        user: "Write a haiku about a city waking up in the rain.",
        core: {
          answer: "Grey streets breathe slowly —\numbrellas bloom at crossings,\nthe first bus hums warm.",
          points: ["Five, seven and five syllables.", "The umbrellas as flowers carry the season word."],
          example: "A variant ending: \"bakeries steam the glass.\"",
        },
      },
    ],
  },
  {
    externalId: "demo-writing-02",
    category: "writing",
    language: "en",
    turns: [
      {
        user: "Write a polite email to my landlord asking them to fix a leaking kitchen tap.",
        core: {
          answer:
            "Subject: Leaking kitchen tap at Flat 3\n\nDear Ms Ortega,\n\nI hope you are well. The kitchen tap in Flat 3 has been dripping steadily since Monday, and tightening it hasn't helped. Could you arrange for a plumber to take a look this week? I'm home after 5 pm on weekdays, or I can leave a key with the neighbour at number 5.\n\nThank you for your help.\n\nBest regards,\nSam Patel",
          points: [
            "The subject line states the problem and the flat.",
            "It says when the issue started and what you already tried.",
            "Offering access times makes it easy to say yes.",
          ],
        },
      },
    ],
  },
  {
    externalId: "demo-writing-03",
    category: "writing",
    language: "en",
    turns: [
      {
        user: "Give me an opening line for a mystery novel set on a night train.",
        core: {
          answer: "By the time the night train crossed the border, the passenger in compartment nine had stopped snoring — and started bleeding.",
          points: ["It sets place and time immediately.", "The turn at the dash delivers the hook."],
          example: "A quieter alternative: \"Nobody boarded at Lindau, yet at breakfast there was one more cup on the tray.\"",
        },
      },
    ],
  },
  {
    externalId: "demo-writing-04",
    category: "writing",
    language: "en",
    turns: [
      {
        user: "Write a two-sentence product description for a reusable insulated water bottle.",
        core: {
          answer:
            "Keep water ice-cold for 24 hours or coffee hot for 12 in a steel bottle that fits every cup holder. Leak-proof, dishwasher-safe and built to replace a thousand plastic ones.",
          points: ["Leads with the concrete benefit.", "Ends with durability and the environmental angle."],
        },
      },
    ],
  },
  {
    externalId: "demo-writing-05",
    category: "writing",
    language: "en",
    turns: [
      {
        user: "Rewrite this sentence to be clearer: \"Due to the fact that the meeting was postponed, the deliverables that were due will now be due at a later date.\"",
        core: {
          answer: "Because the meeting was postponed, the deliverables are now due later.",
          points: ["\"Due to the fact that\" becomes \"because\".", "The repeated \"due\" is removed."],
          example: "If you know the new date, say it: \"…are now due on 14 March.\"",
        },
      },
    ],
  },
  {
    externalId: "demo-writing-06",
    category: "writing",
    language: "en",
    turns: [
      {
        user: "Write a short toast for my sister's wedding. She's an engineer and loves hiking.",
        core: {
          answer:
            "For as long as I can remember, my sister has planned every route twice and still taken the scenic path. Tonight she's found someone who packs the snacks, reads the map upside down, and makes every climb worth it. To Maya and Leo: may your bridges hold, your trails be long, and your summits be shared. Cheers!",
          points: [
            "It uses her interests without inside jokes that exclude guests.",
            "It ends with a clear cue to raise glasses.",
          ],
        },
      },
      {
        user: "Make it a bit funnier, but still heartfelt.",
        core: {
          answer:
            "Maya once made a spreadsheet to choose a sandwich. So when she told us she'd found the one, we knew it had passed load testing, peer review and at least three hikes in the rain. Leo, you survived the tolerances — welcome to the family. To Maya and Leo: may your bridges hold and your snacks never run out. Cheers!",
          points: ["The spreadsheet joke is gentle and affectionate.", "It still closes on the sincere wish."],
        },
      },
    ],
  },
  {
    externalId: "demo-writing-07",
    category: "writing",
    language: "en",
    turns: [
      {
        user: "Write a limerick about a cat who hates Mondays.",
        core: {
          answer:
            "A tabby named Tom, so they say,\nwould hiss at the start of the week's day.\nHe'd sulk on the mat,\ngrowl \"Monday? Not that!\"\nthen nap until Tuesday's display.",
          points: ["AABBA rhyme scheme.", "The bouncy anapestic rhythm suits the joke."],
        },
      },
    ],
  },
  {
    externalId: "demo-writing-08",
    category: "writing",
    language: "en",
    turns: [
      {
        user: "Write a LinkedIn post announcing that I've joined a climate-tech startup as a data engineer.",
        core: {
          answer:
            "Some personal news: this week I joined Fernwood Energy as a data engineer. 🌱\n\nWe help utilities forecast solar and wind output so less clean energy goes to waste. I'll be building the pipelines that turn weather and grid data into those forecasts.\n\nHuge thanks to my former team at Brightpath for four great years. If you're working on grid data too, I'd love to connect.",
          points: ["Says what the company does in one sentence.", "Thanks the old team and invites connection."],
        },
      },
    ],
  },
  {
    externalId: "demo-writing-09",
    category: "writing",
    language: "en",
    turns: [
      {
        user: "Summarise the plot of a fairy tale of your choice in exactly three sentences.",
        core: {
          answer:
            "A miller's daughter is locked in a tower and ordered to spin straw into gold. A strange little man does it for her in exchange for her firstborn child, unless she can guess his name. She learns it is Rumpelstiltskin, says it aloud, and he vanishes in a rage.",
          points: ["Exactly three sentences.", "Setup, bargain and resolution each get one sentence."],
        },
      },
    ],
  },
  {
    externalId: "demo-writing-10",
    category: "writing",
    language: "en",
    turns: [
      {
        user: "Write a friendly out-of-office reply for a two-week holiday.",
        core: {
          answer:
            "Hi, thanks for your message! I'm on holiday from 4 to 18 August with no access to email. For anything urgent, please contact Priya Shah at priya.shah@example.com. Otherwise I'll reply when I'm back. Best, Jonas",
          points: ["Gives exact dates.", "Names a backup contact for urgent requests."],
        },
      },
    ],
  },
];
