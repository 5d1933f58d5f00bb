/** The scheduling framework (small plugin interfaces) and the upstream plugins; an API client only. */
package dev.berth.scheduler;
