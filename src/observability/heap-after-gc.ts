import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/** The V8 heap in use just after the latest full (mark-sweep) collection, and how many there were. */
export interface HeapAfterGc { usedBytes: number; majorGcs: number }

const latest: HeapAfterGc = { usedBytes: 0, majorGcs: 0 };
let observer: PerformanceObserver | undefined;

/**
 * What a leak shows as: the heap left after a full collection (what is still reachable),
 * not RSS or the heap between collections, which rise and fall with the load. One
 * observer for the process, whatever the number of apps in it (the heap is the process's).
 */
export function heapAfterGc(): HeapAfterGc {
  if (!observer) {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if ((entry as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
        latest.usedBytes = getHeapStatistics().used_heap_size;
        latest.majorGcs += 1;
      }
    });
    observer.observe({ entryTypes: ['gc'] });
  }
  return { ...latest };
}
