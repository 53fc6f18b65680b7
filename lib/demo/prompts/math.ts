/**
 * Demo prompts: math. Written for Concord's demo dataset. Every prompt has a reference answer and a wrong
 * variant that makes a typical mistake.
 */
import type { DemoPromptSource } from "../types";

export const mathPrompts: DemoPromptSource[] = [
  {
    externalId: "demo-math-01",
    category: "math",
    language: "en",
    reference: "x = 4",
    turns: [
      {
        user: "Solve for x: 3x + 7 = 19.",
        core: {
          answer: "x = 4.",
          points: ["Subtract 7 from both sides: 3x = 12.", "Divide both sides by 3: x = 4."],
          example: "Check: 3 · 4 + 7 = 19. ✓",
        },
        wrong: { answer: "x = 26/3, since 3x = 19 + 7 = 26." },
      },
    ],
  },
  {
    externalId: "demo-math-02",
    category: "math",
    language: "en",
    reference: "$84",
    turns: [
      {
        user: "A jacket costs $120. It's discounted by 30%. What is the sale price?",
        core: {
          answer: "The sale price is $84.",
          points: ["30% of $120 is $36.", "$120 − $36 = $84."],
          example: "Equivalently, you pay 70% of the price: 0.7 × 120 = 84.",
        },
        wrong: { answer: "The sale price is $90, because 30% of 120 is 30." },
      },
    ],
  },
  {
    externalId: "demo-math-03",
    category: "math",
    language: "en",
    reference: "1/6",
    turns: [
      {
        user: "Two fair dice are rolled. What is the probability that the sum is 7?",
        core: {
          answer: "The probability is 6/36 = 1/6.",
          points: [
            "There are 6 × 6 = 36 equally likely outcomes.",
            "Six of them sum to 7: (1,6), (2,5), (3,4), (4,3), (5,2), (6,1).",
          ],
          example: "7 is the most likely sum; 2 and 12 each have probability 1/36.",
        },
        wrong: { answer: "The probability is 1/11, since there are 11 possible sums from 2 to 12." },
      },
    ],
  },
  {
    externalId: "demo-math-04",
    category: "math",
    language: "en",
    reference: "f'(x) = 2x·cos(x²)",
    turns: [
      {
        user: "What is the derivative of sin(x²)?",
        core: {
          answer: "d/dx sin(x²) = 2x · cos(x²).",
          points: [
            "Apply the chain rule: the outer function is sin(u), the inner is u = x².",
            "The derivative of sin(u) is cos(u), and du/dx = 2x.",
          ],
          example: "At x = 0 the slope is 0; at x = √π it is 2√π · cos(π) = −2√π.",
        },
        wrong: { answer: "d/dx sin(x²) = cos(2x), by differentiating the inside and the outside." },
      },
    ],
  },
  {
    externalId: "demo-math-05",
    category: "math",
    language: "en",
    reference: "5050",
    turns: [
      {
        user: "What is the sum of all integers from 1 to 100?",
        core: {
          answer: "The sum is 5050.",
          points: ["Use n(n + 1)/2 with n = 100.", "100 · 101 / 2 = 5050."],
          example: "Pair the terms: 1 + 100, 2 + 99, … gives 50 pairs of 101.",
        },
        wrong: { answer: "The sum is 5000: fifty pairs of 100." },
      },
    ],
  },
  {
    externalId: "demo-math-06",
    category: "math",
    language: "en",
    reference: "≈ $1,628.89",
    turns: [
      {
        user: "If I invest $1,000 at 5% interest compounded annually, how much will I have after 10 years?",
        core: {
          answer: "About $1,628.89.",
          points: ["Use A = P(1 + r)^t.", "1000 × 1.05^10 ≈ 1000 × 1.62889 = 1628.89."],
          example: "With simple interest you would only have $1,500; compounding adds about $129.",
        },
        wrong: { answer: "You will have $1,500: 5% of $1,000 is $50 a year for 10 years." },
      },
    ],
  },
  {
    externalId: "demo-math-07",
    category: "math",
    language: "en",
    reference: "x = 2 or x = 3",
    turns: [
      {
        user: "Solve x² − 5x + 6 = 0.",
        core: {
          answer: "x = 2 or x = 3.",
          points: ["Factor: (x − 2)(x − 3) = 0.", "A product is zero when one of its factors is zero."],
          example: "Check x = 3: 9 − 15 + 6 = 0. ✓",
        },
        wrong: { answer: "x = −2 or x = −3, from the factors (x + 2)(x + 3)." },
      },
      {
        user: "And what are the roots of x² − 5x + 7 = 0?",
        core: {
          answer: "There are no real roots; the complex roots are x = (5 ± i√3)/2.",
          points: ["The discriminant is 25 − 28 = −3 < 0.", "The quadratic formula gives (5 ± √−3)/2."],
          example: "The parabola's minimum is at x = 2.5 with value 0.75 > 0, so it never crosses zero.",
        },
        wrong: { answer: "x = (5 ± √3)/2, from the quadratic formula." },
      },
    ],
  },
  {
    externalId: "demo-math-08",
    category: "math",
    language: "en",
    reference: "120",
    turns: [
      {
        user: "In how many ways can 5 different books be arranged on a shelf?",
        core: {
          answer: "5! = 120 ways.",
          points: ["5 choices for the first slot, 4 for the second, and so on.", "5 × 4 × 3 × 2 × 1 = 120."],
          example: "With 3 books there are 3! = 6 orders: ABC, ACB, BAC, BCA, CAB, CBA.",
        },
        wrong: { answer: "25 ways: five books times five positions." },
      },
    ],
  },
  {
    externalId: "demo-math-09",
    category: "math",
    language: "en",
    reference: "48 km/h",
    turns: [
      {
        user: "A car goes from A to B at 60 km/h and returns at 40 km/h. What is its average speed for the round trip?",
        core: {
          answer: "48 km/h.",
          points: [
            "Average speed is total distance over total time, not the mean of the speeds.",
            "For distance d each way: time = d/60 + d/40 = d/24, so speed = 2d ÷ (d/24) = 48.",
          ],
          example: "With d = 120 km: 2 h out, 3 h back, 240 km in 5 h = 48 km/h.",
        },
        wrong: { answer: "50 km/h, the average of 60 and 40." },
      },
    ],
  },
  {
    externalId: "demo-math-10",
    category: "math",
    language: "en",
    reference: "2/3",
    turns: [
      {
        user: "What is the area under y = √x between x = 0 and x = 1?",
        core: {
          answer: "The area is 2/3.",
          points: ["∫₀¹ x^(1/2) dx = [ (2/3) x^(3/2) ]₀¹.", "Evaluate: 2/3 − 0 = 2/3."],
          example: "Sanity check: the curve lies above y = x on [0, 1], whose area is 1/2, so 2/3 is plausible.",
        },
        wrong: { answer: "The area is 1/2, since √x goes from 0 to 1 like a triangle." },
      },
    ],
  },
];
