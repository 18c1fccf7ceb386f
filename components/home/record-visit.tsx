'use client';

import { useEffect } from 'react';
import { addVisit, readVisits, visitsKey, type VisitedPage } from './visits';

/** Counts this page among the person's visits (visits.ts), in this browser only. */
export function RecordVisit({ personId, page }: { personId: string; page: VisitedPage }) {
  const { path, title, kind } = page;
  useEffect(() => {
    try {
      const key = visitsKey(personId);
      localStorage.setItem(key, JSON.stringify(addVisit(readVisits(localStorage.getItem(key)), { path, title, kind }, Date.now())));
    } catch {
      // Storage off or full: the visit is not kept, and nothing else depends on it.
    }
  }, [personId, path, title, kind]);
  return null;
}
