"""Make the app's two soft chimes (run once; the WAV files are committed).

step.wav: a short, quiet two-partial tone for a step change.
end.wav:  a gentle falling three-note chime for the end of a break or session.
Sine partials with a soft attack and an exponential decay, 22.05 kHz mono 16-bit.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050


def tone(freqs: list[tuple[float, float]], seconds: float, attack: float = 0.012,
         decay: float = 6.0, level: float = 0.35) -> list[float]:
    samples = []
    for n in range(int(RATE * seconds)):
        t = n / RATE
        env = min(1.0, t / attack) * math.exp(-decay * t)
        value = sum(a * math.sin(2 * math.pi * f * t) for f, a in freqs)
        samples.append(level * env * value)
    return samples


def write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", int(max(-1, min(1, s)) * 32767))
                                 for s in samples))


def main() -> None:
    here = Path(__file__).resolve().parent
    write(here / "step.wav", tone([(880.0, 0.7), (1320.0, 0.3)], 0.35, decay=9.0, level=0.3))
    chime: list[float] = []
    for i, f in enumerate((784.0, 659.3, 523.3)):
        note = tone([(f, 0.75), (f * 2, 0.25)], 0.9, decay=4.0, level=0.3)
        start = int(i * 0.28 * RATE)
        chime.extend([0.0] * max(0, start + len(note) - len(chime)))
        for k, s in enumerate(note):
            chime[start + k] += s
    write(here / "end.wav", chime)


if __name__ == "__main__":
    main()
