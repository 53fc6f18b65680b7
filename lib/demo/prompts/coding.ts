/**
 * Demo prompts: coding. Written for Concord's demo dataset. Each turn carries a correct core (with a fenced
 * code block) and a plausible wrong variant used by the "often wrong" system.
 */
import type { DemoPromptSource } from "../types";

export const codingPrompts: DemoPromptSource[] = [
  {
    externalId: "demo-coding-01",
    category: "coding",
    language: "en",
    reference: "Use a Set: `[...new Set(arr)]` keeps the first occurrence of each value in order.",
    turns: [
      {
        user: "How do I remove duplicates from an array in JavaScript while keeping the original order?",
        core: {
          answer: "Pass the array through a `Set`, which keeps the first occurrence of each value in insertion order.",
          points: [
            "A `Set` stores each value once and iterates in insertion order.",
            "Spreading it back gives a new array; the original is unchanged.",
            "Equality is SameValueZero, so objects are compared by reference.",
          ],
          code: { lang: "js", source: "const unique = [...new Set([3, 1, 3, 2, 1])];\nconsole.log(unique); // [3, 1, 2]" },
          example: "For objects, dedupe by a key instead: `[...new Map(users.map((u) => [u.id, u])).values()]`.",
        },
        wrong: {
          answer: "Sort the array and drop neighbours that are equal; that removes duplicates and keeps the order.",
          code: { lang: "js", source: "const unique = arr.sort().filter((x, i, a) => x !== a[i - 1]);" },
        },
      },
    ],
  },
  {
    externalId: "demo-coding-02",
    category: "coding",
    language: "en",
    reference: "Compare `s` with its reverse after lower-casing and stripping non-alphanumerics.",
    turns: [
      {
        user: "Write a Python function that checks whether a string is a palindrome, ignoring case and punctuation.",
        core: {
          answer: "Normalise the string to lower-case alphanumeric characters, then compare it with its reverse.",
          points: [
            "`str.isalnum()` drops spaces and punctuation.",
            "`casefold()` is a stronger `lower()` for non-ASCII text.",
            "Slicing with `[::-1]` reverses in O(n).",
          ],
          code: {
            lang: "python",
            source:
              "def is_palindrome(s: str) -> bool:\n    cleaned = [c.casefold() for c in s if c.isalnum()]\n    return cleaned == cleaned[::-1]\n\nassert is_palindrome(\"A man, a plan, a canal: Panama\")",
          },
          example: "`is_palindrome(\"No lemon, no melon\")` returns `True`; `is_palindrome(\"Concord\")` returns `False`.",
        },
        wrong: {
          answer: "Just compare the string with its reverse; Python ignores case and punctuation in comparisons.",
          code: { lang: "python", source: "def is_palindrome(s: str) -> bool:\n    return s == s[::-1]" },
        },
      },
    ],
  },
  {
    externalId: "demo-coding-03",
    category: "coding",
    language: "en",
    reference: "GROUP BY customer_id, SUM(amount), ORDER BY total DESC, LIMIT 5.",
    turns: [
      {
        user: "Write a SQL query that returns the top 5 customers by total order amount from an `orders(customer_id, amount)` table.",
        core: {
          answer: "Aggregate per customer, sort by the total descending and keep five rows.",
          points: [
            "`SUM(amount)` per `customer_id` gives each customer's total.",
            "Sorting on the alias works in PostgreSQL, MySQL and SQLite.",
            "Ties at rank 5 are cut arbitrarily; use `RANK()` if you need them all.",
          ],
          code: {
            lang: "sql",
            source:
              "SELECT customer_id, SUM(amount) AS total\nFROM orders\nGROUP BY customer_id\nORDER BY total DESC\nLIMIT 5;",
          },
          example: "With ties: wrap it as `RANK() OVER (ORDER BY SUM(amount) DESC) AS r` and filter `r <= 5`.",
        },
        wrong: {
          answer: "Sort the orders by amount and take the first five rows.",
          code: { lang: "sql", source: "SELECT customer_id, amount\nFROM orders\nORDER BY amount DESC\nLIMIT 5;" },
        },
      },
    ],
  },
  {
    externalId: "demo-coding-04",
    category: "coding",
    language: "en",
    reference: "Binary search on a sorted array is O(log n); return the index or -1.",
    turns: [
      {
        user: "Implement binary search in TypeScript. It should return the index of the target or -1.",
        core: {
          answer: "Keep a half-open window `[lo, hi)` and halve it until the target is found or the window is empty.",
          points: [
            "The input must be sorted ascending.",
            "`lo + ((hi - lo) >> 1)` avoids overflow habits carried over from other languages.",
            "Each step halves the window, so it runs in O(log n).",
          ],
          code: {
            lang: "ts",
            source:
              "export function binarySearch(xs: number[], target: number): number {\n  let lo = 0;\n  let hi = xs.length;\n  while (lo < hi) {\n    const mid = lo + ((hi - lo) >> 1);\n    if (xs[mid] === target) return mid;\n    if (xs[mid] < target) lo = mid + 1;\n    else hi = mid;\n  }\n  return -1;\n}",
          },
          example: "`binarySearch([1, 3, 5, 7, 9], 7)` returns `3`; searching for `4` returns `-1`.",
        },
        wrong: {
          answer: "Loop while `lo <= hi` and move `hi = mid` when the middle is too large.",
          code: {
            lang: "ts",
            source:
              "export function binarySearch(xs: number[], target: number): number {\n  let lo = 0, hi = xs.length - 1;\n  while (lo <= hi) {\n    const mid = Math.floor((lo + hi) / 2);\n    if (xs[mid] === target) return mid;\n    if (xs[mid] < target) lo = mid;\n    else hi = mid;\n  }\n  return -1;\n}",
          },
        },
      },
    ],
  },
  {
    externalId: "demo-coding-05",
    category: "coding",
    language: "en",
    reference: "`git reset --soft HEAD~1` undoes the commit and keeps the changes staged.",
    turns: [
      {
        user: "I committed to the wrong branch but haven't pushed. How do I undo the last commit and keep my changes?",
        core: {
          answer: "Run `git reset --soft HEAD~1`: the commit disappears but its changes stay staged, ready to commit elsewhere.",
          points: [
            "`--soft` keeps changes staged; `--mixed` (the default) keeps them unstaged.",
            "Then `git switch correct-branch` and commit again.",
            "Only rewrite history that you have not pushed.",
          ],
          code: { lang: "bash", source: "git reset --soft HEAD~1\ngit switch feature/login\ngit commit -m \"Add login form\"" },
          example: "If the branch already has the commit you want, `git cherry-pick <sha>` on the right branch also works.",
        },
        wrong: {
          answer: "Use `git reset --hard HEAD~1`; it removes the commit and keeps your changes in the working tree.",
          code: { lang: "bash", source: "git reset --hard HEAD~1" },
        },
      },
    ],
  },
  {
    externalId: "demo-coding-06",
    category: "coding",
    language: "en",
    reference: "A permissive check such as /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/, then a confirmation email.",
    turns: [
      {
        user: "What's a reasonable regex to validate email addresses in a signup form?",
        core: {
          answer: "Use a permissive pattern that checks for one `@` and a dot in the domain, then confirm by sending an email.",
          points: [
            "Full RFC 5322 validation by regex is impractical and rejects real addresses.",
            "The browser's `type=\"email\"` input already applies a similar rule.",
            "A confirmation link is the only real proof an address works.",
          ],
          code: { lang: "ts", source: "const EMAIL = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/;\nEMAIL.test(\"ana@example.org\"); // true" },
          example: "`ana@example.org` passes, `ana@localhost` and `ana example.org` fail.",
        },
        wrong: {
          answer: "Only letters and digits are allowed before the `@`, so use a strict alphanumeric pattern.",
          code: { lang: "ts", source: "const EMAIL = /^[a-z0-9]+@[a-z0-9]+\\.com$/;" },
        },
      },
    ],
  },
  {
    externalId: "demo-coding-07",
    category: "coding",
    language: "en",
    reference: "Debounce: clear the pending timer on each call and schedule a new one.",
    turns: [
      {
        user: "Write a generic `debounce` function in TypeScript.",
        core: {
          answer: "Keep one pending timer; every call cancels it and schedules a new one, so only the last call in a burst runs.",
          points: [
            "Generic parameters keep the wrapped function's argument types.",
            "`ReturnType<typeof setTimeout>` works in both Node and browsers.",
            "The debounced function returns `void` because the call happens later.",
          ],
          code: {
            lang: "ts",
            source:
              "export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return (...args: A): void => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}",
          },
          example: "`input.addEventListener(\"input\", debounce(search, 300))` runs `search` 300 ms after typing stops.",
        },
        wrong: {
          answer: "Schedule the call with `setTimeout`; there is no need to clear earlier timers.",
          code: {
            lang: "ts",
            source:
              "export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {\n  return (...args: A) => setTimeout(() => fn(...args), ms);\n}",
          },
        },
      },
    ],
  },
  {
    externalId: "demo-coding-08",
    category: "coding",
    language: "en",
    reference: "The default list is created once; use `None` and create the list inside the function.",
    turns: [
      {
        user: "Why does my Python function keep remembering items between calls?\n\n```python\ndef add(item, bucket=[]):\n    bucket.append(item)\n    return bucket\n```",
        core: {
          answer: "Default values are evaluated once, when the function is defined, so every call shares the same list. Use `None` as the default.",
          points: [
            "The list lives on `add.__defaults__` and survives between calls.",
            "Create a fresh list inside the function when the argument is missing.",
            "Linters flag this pattern (e.g. Ruff's B006).",
          ],
          code: {
            lang: "python",
            source:
              "def add(item, bucket=None):\n    if bucket is None:\n        bucket = []\n    bucket.append(item)\n    return bucket",
          },
          example: "Before the fix `add(1); add(2)` returns `[1, 2]`; after it, the second call returns `[2]`.",
        },
        wrong: {
          answer: "Python caches function results between calls; restart the interpreter or reload the module to clear the cache.",
        },
      },
    ],
  },
  {
    externalId: "demo-coding-09",
    category: "coding",
    language: "en",
    reference: "Use `fetch` with `AbortController` (or `AbortSignal.timeout`) to cancel after a timeout.",
    turns: [
      {
        user: "How can I add a timeout to a `fetch` request in modern JavaScript?",
        core: {
          answer: "Pass `AbortSignal.timeout(ms)` as the request's `signal`; the promise rejects with a `TimeoutError` when time runs out.",
          points: [
            "Supported in current browsers and Node 18+.",
            "Catch `err.name === \"TimeoutError\"` to tell timeouts from other failures.",
            "For manual cancellation, use an `AbortController` instead.",
          ],
          code: {
            lang: "js",
            source:
              "try {\n  const res = await fetch(\"/api/report\", { signal: AbortSignal.timeout(5000) });\n  console.log(await res.json());\n} catch (err) {\n  if (err.name === \"TimeoutError\") console.warn(\"Request took longer than 5 s\");\n  else throw err;\n}",
          },
          example: "Combine signals with `AbortSignal.any([controller.signal, AbortSignal.timeout(5000)])`.",
        },
        wrong: {
          answer: "`fetch` accepts a `timeout` option in milliseconds, just like XMLHttpRequest.",
          code: { lang: "js", source: "const res = await fetch(\"/api/report\", { timeout: 5000 });" },
        },
      },
    ],
  },
  {
    externalId: "demo-coding-10",
    category: "coding",
    language: "en",
    reference: "Iterate with two variables (O(n)); fib(10) = 55. Use bigint for large n: fib(500) has 105 digits.",
    turns: [
      {
        user: "Write a function that returns the n-th Fibonacci number (fib(0) = 0, fib(1) = 1).",
        core: {
          answer: "Iterate, keeping the last two values; this is O(n) time and O(1) memory.",
          points: [
            "Naive recursion is exponential.",
            "Use `bigint` beyond n = 78, where doubles lose precision.",
          ],
          code: {
            lang: "ts",
            source:
              "export function fib(n: number): number {\n  let [a, b] = [0, 1];\n  for (let i = 0; i < n; i++) [a, b] = [b, a + b];\n  return a;\n}",
          },
          example: "`fib(10)` is `55`.",
        },
        wrong: {
          answer: "Start the loop at 1 and return `b`, which gives the n-th number.",
          code: {
            lang: "ts",
            source:
              "export function fib(n: number): number {\n  let [a, b] = [0, 1];\n  for (let i = 1; i < n; i++) [a, b] = [b, a + b];\n  return b + a;\n}",
          },
        },
      },
      {
        user: "Now make it work for very large n, like fib(500).",
        core: {
          answer: "Switch to `bigint` so the numbers stay exact; fib(500) has 105 digits.",
          points: [
            "`bigint` literals end with `n`, e.g. `0n`.",
            "For huge n, fast doubling brings it down to O(log n) multiplications.",
          ],
          code: {
            lang: "ts",
            source:
              "export function fibBig(n: number): bigint {\n  let a = 0n;\n  let b = 1n;\n  for (let i = 0; i < n; i++) [a, b] = [b, a + b];\n  return a;\n}",
          },
          example: "`fibBig(100)` is `354224848179261915075n`.",
        },
        wrong: {
          answer: "Use `Number.MAX_SAFE_INTEGER` checks; regular numbers are exact up to fib(500).",
        },
      },
    ],
  },
];
