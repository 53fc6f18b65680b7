/**
 * Which prompt sets, and which categories of each, the fixed-set arena serves (PromptSet.active,
 * PromptSet.inactiveCategories). The hidden `live` set (live battles' own prompts) is not listed and cannot be served.
 */
import { conflict, notFound } from "@/lib/errors";
import type { PromptSetToggle } from "@/lib/validation/admin";
import {
  countPromptsByCategory,
  findPromptSetById,
  findVisiblePromptSets,
  updatePromptSetActive,
  updatePromptSetInactiveCategories,
  type PromptSetRow,
} from "./queries-prompt-sets";

export interface PromptSetView {
  id: number;
  slug: string;
  name: string;
  source: string;
  active: boolean;
  isDemo: boolean;
  prompts: number;
  categories: { name: string; prompts: number; active: boolean }[];
}

export async function listPromptSets(): Promise<PromptSetView[]> {
  const [sets, counts] = await Promise.all([findVisiblePromptSets(), countPromptsByCategory()]);
  return sets.map((s) => {
    const categories = counts
      .filter((c) => c.promptSetId === s.id)
      .map((c) => ({ name: c.category, prompts: c.count, active: !s.inactiveCategories.includes(c.category) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      id: s.id,
      slug: s.slug,
      name: s.name,
      source: s.source,
      active: s.active,
      isDemo: s.isDemo,
      prompts: categories.reduce((n, c) => n + c.prompts, 0),
      categories,
    };
  });
}

async function editableSet(id: number): Promise<PromptSetRow> {
  const set = await findPromptSetById(id);
  if (!set) throw notFound(`prompt set ${id}`);
  if (set.source === "live") throw conflict("the live set holds live battles' prompts; the arena never serves it");
  return set;
}

/** Activates or deactivates a whole set, or one of its categories. Returns the set's new state. */
export async function togglePromptSet(id: number, toggle: PromptSetToggle): Promise<PromptSetRow> {
  const set = await editableSet(id);
  if (!("category" in toggle)) return updatePromptSetActive(id, toggle.active);
  const counts = await countPromptsByCategory();
  const known = counts.some((c) => c.promptSetId === id && c.category === toggle.category);
  if (!known && !set.inactiveCategories.includes(toggle.category)) {
    throw notFound(`category "${toggle.category}" in prompt set ${set.slug}`);
  }
  const others = set.inactiveCategories.filter((c) => c !== toggle.category);
  return updatePromptSetInactiveCategories(id, toggle.active ? others : [...others, toggle.category].sort());
}
