"""The game's screens and pop-ups, one module per scene or group of dialogs."""
