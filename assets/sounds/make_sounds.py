"""Generate the game's short sound effects as OGG Vorbis files.

The tones are synthesised here (sine waves with a soft envelope), so the
sounds carry no third-party licence. Needs ``oggenc`` from Debian's
vorbis-tools: ``python assets/sounds/make_sounds.py``.
"""

import math
import struct
import subprocess
import tempfile
import wave
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent

#: Sound name to a list of (frequency in Hz, duration in seconds) notes.
SOUNDS = {
    "select": [(660, 0.06)],
    "round": [(523, 0.12), (659, 0.12), (784, 0.2)],
    "event": [(440, 0.15), (349, 0.25)],
}


def samples(notes):
    for frequency, duration in notes:
        count = int(RATE * duration)
        for i in range(count):
            envelope = min(1.0, i / (0.01 * RATE)) * (1 - i / count) ** 2
            yield 0.3 * envelope * math.sin(math.tau * frequency * i / RATE)


def main() -> None:
    for name, notes in SOUNDS.items():
        with tempfile.TemporaryDirectory() as folder:
            wav_path = Path(folder) / f"{name}.wav"
            with wave.open(str(wav_path), "wb") as file:
                file.setnchannels(1)
                file.setsampwidth(2)
                file.setframerate(RATE)
                file.writeframes(b"".join(struct.pack("<h", int(s * 32767))
                                          for s in samples(notes)))
            subprocess.run(["oggenc", "-Q", "-q", "3", "-o", str(HERE / f"{name}.ogg"),
                            str(wav_path)], check=True)


if __name__ == "__main__":
    main()
