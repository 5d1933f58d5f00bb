package dev.berth.controllers;

/** One controller of the controller manager: its name (as upstream's --controllers) and how it starts. */
public interface ControllerStarter {

  /** Upstream's controller name, e.g. {@code "deployment"}, {@code "garbage-collector"}. */
  String name();

  /** Starts the controller's informers' handlers and workers; closing stops it. */
  AutoCloseable start(ControllerContext context);
}
