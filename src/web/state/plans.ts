/**
 * The learner's saved plan per roadmap, as a signal: a guest's from this browser, an account's
 * from the server (once the guest copies are merged). Saving goes to the same place. The plan
 * itself is the shared planner's (the plan page asks the stateless API; "what next" computes it
 * here from the page's roadmap facts, with the same code).
 */
import { signal, type Signal } from '@preact/signals';
import { computePlan, type PlanSettings, type StudyPlan } from '../../shared/study-plan.js';
import { accountStudyReady, currentUser } from './account.js';
import { roadmapData } from './roadmap-data.js';
import { accountJson, copyKey, guestCopy, keepGuestCopy, putAccountCopy, studyChanged } from './study-store.js';

export interface SavedSettings {
  settings: PlanSettings;
  updatedAt: string;
}

const saved = new Map<string, Signal<SavedSettings | null | undefined>>();

/** The saved settings: undefined while unknown, null when there are none. */
export function savedPlanOf(roadmapId: string): Signal<SavedSettings | null | undefined> {
  const known = saved.get(roadmapId);
  if (known) return known;
  const doc = signal<SavedSettings | null | undefined>(undefined);
  saved.set(roadmapId, doc);
  const readGuest = () => {
    const copy = guestCopy('plans', copyKey(roadmapId));
    doc.value = copy ? { settings: copy.value, updatedAt: copy.updatedAt } : null;
  };
  const readAccount = async () => {
    try {
      const { status, data } = await accountJson<SavedSettings>('GET', `/api/v1/me/plans/${encodeURIComponent(roadmapId)}`);
      doc.value = status === 200 && data ? { settings: data.settings, updatedAt: data.updatedAt } : null;
    } catch {
      readGuest();
    }
  };
  // Guests follow this browser (and other tabs); accounts read the server once it holds the merged copies.
  studyChanged.subscribe(() => {
    if (currentUser.value === null) readGuest();
  });
  currentUser.subscribe((user) => {
    if (user === null) readGuest();
  });
  accountStudyReady.subscribe((ready) => {
    if (ready) void readAccount();
  });
  return doc;
}

/** Saves settings where the learner's plans live; the error's message when the server refuses them. */
export async function savePlan(roadmapId: string, settings: PlanSettings): Promise<string | null> {
  const doc = savedPlanOf(roadmapId);
  if (currentUser.value) {
    const { status, data } = await putAccountCopy('plans', copyKey(roadmapId), settings);
    if (status !== 200) return (data?.error as { message?: string } | undefined)?.message ?? `The server answered ${status}.`;
    doc.value = { settings, updatedAt: String(data?.updatedAt ?? new Date().toISOString()) };
    return null;
  }
  if (!keepGuestCopy('plans', copyKey(roadmapId), settings)) return 'This browser refused to store the plan (storage full or blocked).';
  doc.value = { settings, updatedAt: new Date().toISOString() };
  return null;
}

/** The plan the saved settings make, computed here from the page's roadmap facts; null without settings or when they no longer fit. */
export function localPlan(roadmapId: string, settings: PlanSettings | null | undefined): StudyPlan | null {
  const roadmap = roadmapData(roadmapId);
  if (!roadmap || !settings) return null;
  const outcome = computePlan(roadmap.planning, settings);
  return 'plan' in outcome ? outcome.plan : null;
}
