package dev.berth.controllers;

import java.util.List;

/** Every controller the controller manager runs, in start order. */
public final class Controllers {

  private Controllers() {}

  public static List<ControllerStarter> all() {
    return List.of(
        // one line per controller; keep the list sorted by area
    );
  }
}
