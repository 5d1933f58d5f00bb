package dev.berth.controllers;

import dev.berth.client.SharedInformers;
import dev.berth.client.events.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * What every controller gets: the API client, the process's shared informers, the clock (a fake
 * one in tests) and the event recorder of the controller manager.
 *
 * @param workers worker threads per controller (upstream's --concurrent-*-syncs)
 */
public record ControllerContext(KubernetesClient client, SharedInformers informers, Clock clock,
    EventRecorder events, int workers) {}
