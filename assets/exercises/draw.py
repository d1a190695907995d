"""Draw the exercise and ice/heat drawings in the house style (pure Python, no dependency).

    python assets/exercises/draw.py            # write every drawing listed in DRAWINGS
    python assets/exercises/draw.py --check    # exit 1 if a committed SVG differs
    python assets/exercises/draw.py prone-t    # write only the named drawings

The house style: a 600x300 SVG Tiny 1.2 drawing, the start pose on the left half, a blue
arrow in the middle, the end pose on the right half; stick figures with thick round strokes
in ink (#263238), the far limbs at stroke-opacity 0.45, props in #78909c / #cfd8dc, a floor
line, small blue arrows for the movement. Only the colours of ``posture_coach.ui.art``'s
DARK_SWAP are used (plus the ice blue and heat orange of the ice/heat drawings), so the app
can recolour a drawing for a dark theme. No text, no external references, no scripts.

A figure is built from joint angles (or targets a limb must reach) by a little forward and
two-bone inverse kinematics, so every figure has the same proportions. Angles are absolute
directions in degrees: 0 points down, 90 points the way the figure faces (side views) or
away from the body's midline (front/back views), 180 points up, 270 backwards.

tests/qt/test_drawings.py checks that the committed SVGs are exactly what this makes.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

INK = "#263238"
PROP = "#78909c"
SOFT = "#cfd8dc"
ACCENT = "#1e88e5"
ICE = "#4fc3f7"
HEAT = "#ff8a65"
FAR = 0.45  # stroke-opacity of the far limbs

# proportions (px), from the first hand-drawn set
TRUNK, NECK, HEAD_R, FACE = 75.0, 14.0, 15.0, 14.0
UPPER_ARM, FOREARM = 39.0, 37.0
THIGH, SHIN, FOOT = 51.0, 47.0, 14.0
LIMB_W, TRUNK_W, NECK_W = 14, 19, 11
FLOOR = 270.0
ON_FLOOR = FLOOR - LIMB_W / 2  # the centre line of a limb resting on the floor

HERE = Path(__file__).resolve().parent
ASSETS = HERE.parent

Point = tuple[float, float]
# a limb: joint angles, or ("to", target, bend[, foot angle]), or explicit points after the
# root; None (side views: the far limb copies the near one) or False draws no limb
LimbSpec = Sequence[float] | tuple[object, ...] | list[Point] | bool | None


# ---------------------------------------------------------------- geometry and SVG text

def num(v: float) -> str:
    text = f"{v:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def pt(p: Point) -> str:
    return f"{num(p[0])} {num(p[1])}"


def vec(angle: float, facing: float = 1.0) -> Point:
    r = math.radians(angle)
    return (math.sin(r) * facing, math.cos(r))


def move(p: Point, angle: float, length: float, facing: float = 1.0) -> Point:
    v = vec(angle, facing)
    return (p[0] + v[0] * length, p[1] + v[1] * length)


def angle_to(a: Point, b: Point, facing: float = 1.0) -> float:
    """The direction from ``a`` to ``b`` in the figure's angles (see vec)."""
    return math.degrees(math.atan2((b[0] - a[0]) * facing, b[1] - a[1]))


def lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def dist(a: Point, b: Point) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])


def ik(a: Point, b: Point, l1: float, l2: float, bend: float) -> Point:
    """The middle joint of a two-bone limb from ``a`` reaching for ``b``.

    ``bend`` +1 or -1 picks the side the joint bends to (clockwise or anticlockwise on
    screen). A target out of reach straightens the limb towards it.
    """
    d = min(max(dist(a, b), abs(l1 - l2) + 0.01), l1 + l2 - 0.01)
    base = math.atan2(b[1] - a[1], b[0] - a[0])
    alpha = math.acos((l1 * l1 + d * d - l2 * l2) / (2 * l1 * d))
    t = base + bend * alpha
    return (a[0] + math.cos(t) * l1, a[1] + math.sin(t) * l1)


def polyline(points: Sequence[Point]) -> str:
    return "M" + " L".join(pt(p) for p in points)


def attrs(**kw: object) -> str:
    out = []
    for key, value in kw.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        out.append(f'{name}="{num(value) if isinstance(value, float) else value}"')
    return " ".join(out)


def path(d: str, **kw: object) -> str:
    return f"<path d=\"{d}\" {attrs(**kw)}/>".replace(" />", "/>")


def circle(c: Point, r: float, **kw: object) -> str:
    return f"<circle cx=\"{num(c[0])}\" cy=\"{num(c[1])}\" r=\"{num(r)}\" {attrs(**kw)}/>"


def rect(x: float, y: float, w: float, h: float, rx: float = 0, **kw: object) -> str:
    rr = f' rx="{num(rx)}"' if rx else ""
    return (f"<rect x=\"{num(x)}\" y=\"{num(y)}\" width=\"{num(w)}\" height=\"{num(h)}\"{rr} "
            f"{attrs(**kw)}/>")


def polygon(points: Sequence[Point], **kw: object) -> str:
    ps = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    return f"<polygon points=\"{ps}\" {attrs(**kw)}/>"


def group(children: Sequence[str], **kw: object) -> list[str]:
    head = f"<g {attrs(**kw)}>" if kw else "<g>"
    return [head, *("  " + c for c in children), "</g>"]


def ink_group(children: Sequence[str]) -> list[str]:
    return group(children, fill="none", stroke=INK, stroke_width=LIMB_W,
                 stroke_linecap="round", stroke_linejoin="round")


def prop_group(children: Sequence[str], width: float = 3) -> list[str]:
    return group(children, fill="none", stroke=PROP, stroke_width=width,
                 stroke_linecap="round", stroke_linejoin="round")


# ---------------------------------------------------------------- arrows

def arrowhead(tip: Point, angle_rad: float, size: float) -> str:
    """Two barbs at ``tip`` for a line arriving in direction ``angle_rad``."""
    out = []
    for side in (-1, 1):
        a = angle_rad + math.pi + side * math.radians(35)
        out.append((tip[0] + math.cos(a) * size, tip[1] + math.sin(a) * size))
    return f" M{pt(out[0])} L{pt(tip)} L{pt(out[1])}"


def arrow(a: Point, b: Point, width: float = 4, bow: float = 0.0) -> str:
    """A blue movement arrow from ``a`` to ``b``, bowed sideways by ``bow`` px."""
    size = 3 + width * 1.6
    if bow:
        mid = lerp(a, b, 0.5)
        n = math.atan2(b[1] - a[1], b[0] - a[0]) + math.pi / 2
        ctrl = (mid[0] + math.cos(n) * bow * 2, mid[1] + math.sin(n) * bow * 2)
        d = f"M{pt(a)} Q{pt(ctrl)} {pt(b)}"
        ang = math.atan2(b[1] - ctrl[1], b[0] - ctrl[0])
    else:
        d = f"M{pt(a)} L{pt(b)}"
        ang = math.atan2(b[1] - a[1], b[0] - a[0])
    return path(d + arrowhead(b, ang, size), fill="none", stroke=ACCENT, stroke_width=width,
                stroke_linecap="round", stroke_linejoin="round")


def guide(a: Point, b: Point) -> str:
    """A thin blue alignment line (e.g. ears over shoulders)."""
    return path(f"M{pt(a)} L{pt(b)}", stroke=ACCENT, stroke_width=2, stroke_opacity=0.6,
                fill="none")


MIDDLE_ARROW = path("M286 150 L312 150 M303 141 L312 150 L303 159", fill="none", stroke=ACCENT,
                    stroke_width=5, stroke_linecap="round", stroke_linejoin="round")


# ---------------------------------------------------------------- figures

def limb(root: Point, spec: LimbSpec, lengths: Sequence[float], facing: float,
         bend_default: float = 1) -> list[Point]:
    if spec is None or spec is False or len(spec) == 0:
        return []
    if isinstance(spec, list):
        return [root, *spec]
    if spec and spec[0] == "to":
        target = spec[1]
        bend = spec[2] if len(spec) > 2 else bend_default
        assert isinstance(target, tuple) and isinstance(bend, (int, float))
        mid = ik(root, target, lengths[0], lengths[1], bend)
        points = [root, mid, target]
        if len(spec) > 3:
            foot = spec[3]
            assert isinstance(foot, (int, float))
            points.append(move(target, foot, lengths[2], facing))
        return points
    points = [root]
    for angle, length in zip(spec, lengths):
        assert isinstance(angle, (int, float))
        points.append(move(points[-1], angle, length, facing))
    return points


@dataclass
class Figure:
    """What a figure drew and where its joints are (to hang props and arrows on)."""
    back: list[str] = field(default_factory=list)   # far limbs, drawn first
    body: list[str] = field(default_factory=list)
    joints: dict[str, Point] = field(default_factory=dict)
    chains: dict[str, list[Point]] = field(default_factory=dict)

    def svg(self) -> list[str]:
        return ink_group(self.back + self.body)


def side(hip: Point, facing: float = 1, trunk: float = 180, bend: float = 0,
         neck: float | None = None, face: float | None = None,
         arm: LimbSpec = (0, 0), far_arm: LimbSpec = None,
         leg: LimbSpec = (0, 0, 90), far_leg: LimbSpec = None,
         head_on_top: bool = False, arm_lengths: Sequence[float] = (UPPER_ARM, FOREARM),
         trunk_len: float = TRUNK, halo: bool = True, nose: bool = True) -> Figure:
    """A figure seen from the side, facing right (facing=1) or left (-1).

    ``trunk`` is the direction from the hip to the shoulders; ``bend`` rounds the upper back
    (positive) or arches it (negative); ``neck`` the direction from the shoulders to the head;
    ``face`` the direction the face looks (the nose dot). The far limbs default to the near
    ones, slightly apart.
    """
    f = Figure()
    top = move(hip, trunk, trunk_len, facing)
    backv = vec(trunk + 90, facing)
    mid = lerp(hip, top, 0.5)
    ctrl = (mid[0] + backv[0] * bend * 2, mid[1] + backv[1] * bend * 2)
    # the shoulder joint: 8 px below the top, on the curve
    t = 1 - 8 / trunk_len
    shoulder = ((1 - t) ** 2 * hip[0] + 2 * (1 - t) * t * ctrl[0] + t * t * top[0],
                (1 - t) ** 2 * hip[1] + 2 * (1 - t) * t * ctrl[1] + t * t * top[1])
    neck_dir = trunk if neck is None else neck
    neck_top = move(top, neck_dir, NECK, facing)
    head = move(neck_top, neck_dir, HEAD_R - 4, facing)
    face_dir = neck_dir - 90 if face is None else face
    nose_at = move(head, face_dir, FACE, facing)
    nose_dot = nose
    f.joints.update(hip=hip, top=top, shoulder=shoulder, head=head, nose=nose_at)

    far_arm = arm if far_arm is None else far_arm
    far_leg = leg if far_leg is None else far_leg
    legs_len = (THIGH, SHIN, FOOT)
    for name, spec, lengths, root, bd in (
            ("far_leg", far_leg, legs_len, hip, 1),
            ("far_arm", far_arm, arm_lengths, shoulder, -1)):
        points = limb(root, spec, lengths, facing, bd * facing)
        if points:
            f.chains[name] = points
            f.back.append(path(polyline(points), stroke_opacity=FAR))

    def draw_head() -> list[str]:
        out = []
        if head_on_top:
            out.append(circle(head, HEAD_R + 2.5, fill=SOFT, stroke="none"))
        out += [path(f"M{pt(top)} L{pt(neck_top)}", stroke_width=NECK_W),
                circle(head, HEAD_R, fill=INK, stroke="none")]
        if nose_dot:
            out.append(circle(nose_at, 5, fill=INK, stroke="none"))
        return out

    f.body.append(path(f"M{pt(hip)} Q{pt(ctrl)} {pt(top)}", stroke_width=TRUNK_W))
    if not head_on_top:
        f.body += draw_head()
    points = limb(hip, leg, legs_len, facing, facing)
    if points:
        f.chains["leg"] = points
        f.body.append(path(polyline(points)))
    points = limb(shoulder, arm, arm_lengths, facing, -facing)
    if points:
        f.chains["arm"] = points
        if halo:
            f.body.append(path(polyline(points), stroke=SOFT, stroke_width=TRUNK_W))
        f.body.append(path(polyline(points)))
    if head_on_top:
        f.body += draw_head()
    return f


# front and back views: the torso is a tapered shape, limbs hang from its corners
TORSO = ((-19, 72), (19, 72), (15, 32), (10, 0), (-10, 0), (-15, 32))
SHOULDER_AT = (20.0, 64.0)
HIP_AT = (8.0, 2.0)


def front(hip: Point, axis: float = 180, tilt: float = 0, face: float | None = None,
          arms: tuple[LimbSpec, LimbSpec] = ((10, 5), (10, 5)),
          legs: tuple[LimbSpec, LimbSpec] = ((3, 0, 90), (3, 0, 90)),
          leg_lengths: Sequence[float] = (THIGH, SHIN, FOOT),
          arm_lengths: Sequence[float] = (UPPER_ARM, FOREARM),
          blades: float | None = None, far: Sequence[str] = (), halo: bool = False,
          shadow: Sequence[str] = (), shadow_off: Point = (7, 9),
          spine: bool = False, neck_len: float = NECK, head_on_top: bool = False) -> Figure:
    """A figure seen from the front or from behind (or from above, lying: ``axis`` 90/270).

    ``axis`` is the direction from the hips to the neck; limbs are (left, right) as seen on
    screen; their angles are measured on each side (90 = out sideways), turning with the
    axis. ``tilt`` bends the neck sideways (positive towards the screen-right side);
    ``face`` puts a nose dot on the head in that direction (front views turned or bent).
    ``blades`` draws the shoulder blades (a back view) that far apart; ``far`` lists limbs
    ('l_arm', 'r_leg', ...) drawn at far opacity; ``shadow`` lists limbs that cast a soft
    shadow, i.e. are lifted off the floor in a view from above.
    """
    f = Figure()
    rot = math.radians(180 - axis)
    cos_r, sin_r = math.cos(rot), math.sin(rot)

    def local(u: float, v: float) -> Point:  # u across (right), v up along the body
        x, y = u, -v
        return (hip[0] + x * cos_r - y * sin_r, hip[1] + x * sin_r + y * cos_r)

    def side_vec(angle: float, s: float) -> Point:
        x, y = vec(angle, s)
        return (x * cos_r - y * sin_r, x * sin_r + y * cos_r)

    def chain(root: Point, spec: LimbSpec, lengths: Sequence[float], s: float,
              bend: float) -> list[Point]:
        if spec is None:
            return []
        if isinstance(spec, list) or (spec and spec[0] == "to"):
            return limb(root, spec, lengths, s, bend)
        points = [root]
        for angle, length in zip(spec, lengths):
            assert isinstance(angle, (int, float))
            dx, dy = side_vec(angle, s)
            points.append((points[-1][0] + dx * length, points[-1][1] + dy * length))
        return points

    neck_base = local(0, 72)
    neck_axis = axis + tilt
    neck_top = move(neck_base, neck_axis, neck_len)
    head = move(neck_top, neck_axis, HEAD_R - 4)
    f.joints.update(hip=hip, neck=neck_base, head=head)
    limbs: list[tuple[str, list[Point], bool]] = []
    for s, name in ((-1, "l"), (1, "r")):
        i = 0 if s < 0 else 1
        sh = local(s * SHOULDER_AT[0], SHOULDER_AT[1])
        hp = local(s * HIP_AT[0], HIP_AT[1])
        f.joints[f"{name}_shoulder"] = sh
        f.joints[f"{name}_hip"] = hp
        limbs.append((f"{name}_leg", chain(hp, legs[i], leg_lengths, s, -s), False))
        limbs.append((f"{name}_arm", chain(sh, arms[i], arm_lengths, s, s), True))
    for name, points, _ in limbs:
        f.chains[name] = points
        if name in shadow and points:
            moved = [(x + shadow_off[0], y + shadow_off[1]) for x, y in points]
            f.back.append(path(polyline(moved), stroke=SOFT))
    for name, points, _ in limbs:
        if points and name in far:
            f.back.append(path(polyline(points), stroke_opacity=FAR))
    f.body.append(polygon([local(u, v) for u, v in TORSO], fill=INK))
    f.body.append(path(f"M{pt(neck_base)} L{pt(neck_top)}", stroke_width=NECK_W))
    head_parts = []
    if head_on_top:
        head_parts.append(circle(head, HEAD_R + 2.5, fill=SOFT, stroke="none"))
    head_parts.append(circle(head, HEAD_R, fill=INK, stroke="none"))
    if face is not None:
        head_parts.append(circle(move(head, face, FACE), 5, fill=INK, stroke="none"))
        f.joints["nose"] = move(head, face, FACE)
    if not head_on_top:
        f.body += head_parts
    if blades is not None:
        for s in (-1, 1):
            c = s * blades
            tri = [local(c, 63), local(c + s * 10, 59), local(c + s * 1, 32)]
            f.body.append(polygon(tri, fill=SOFT, stroke=SOFT, stroke_width=4))
    if spine:
        f.body.append(path(f"M{pt(local(0, 66))} L{pt(local(0, 10))}", stroke=SOFT,
                           stroke_width=3, stroke_dasharray="2 7"))
    for name, points, is_arm in limbs:
        if points and name not in far:
            if halo and is_arm:
                f.body.append(path(polyline(points), stroke=SOFT, stroke_width=TRUNK_W))
            f.body.append(path(polyline(points)))
    if head_on_top:
        f.body += head_parts
    return f


# ---------------------------------------------------------------- props

def floor(x0: float = 15, x1: float = 285, y: float = FLOOR) -> list[str]:
    return prop_group([path(f"M{num(x0)} {num(y)} L{num(x1)} {num(y)}")], width=4)


def mat(x0: float, x1: float, y: float = FLOOR) -> str:
    return rect(x0, y - 5, x1 - x0, 5, rx=2, fill=SOFT, stroke="none")


def top_mat(x0: float, y0: float, x1: float, y1: float) -> list[str]:
    """An exercise mat seen from above."""
    return prop_group([rect(x0, y0, x1 - x0, y1 - y0, rx=8, stroke_dasharray="1 0")])


def chair(x: float, facing: float = 1, back_top: float = 150, seat: float = 222) -> list[str]:
    """A steady four-legged chair with a backrest, seen from the side (no castors).

    ``x`` is the back edge of the seat; the seat extends the way the sitter faces.
    """
    s = facing
    x_front = x + 64 * s
    legs = (f"M{num(x + 6 * s)} {num(seat + 9)} L{num(x + 4 * s)} {num(FLOOR)} "
            f"M{num(x_front - 6 * s)} {num(seat + 9)} L{num(x_front - 4 * s)} {num(FLOOR)}")
    rail = f"M{num(x + 5 * s)} {num(seat + 30)} L{num(x_front - 5 * s)} {num(seat + 30)}"
    post_x = x - 4 * s
    return prop_group([
        path(f"M{num(post_x)} {num(seat + 4)} L{num(post_x)} {num(back_top + 4)}", stroke_width=5),
        rect(min(post_x, post_x - 10 * s) - 1, back_top, 12, 30 if seat - back_top > 40 else 20,
             rx=5, fill=SOFT),
        rect(min(x, x_front) - 2, seat, 68, 9, rx=4, fill=SOFT),
        path(legs, stroke_width=5), path(rail),
    ])


def stool_back(cx: float, seat: float = 222) -> list[str]:
    """A chair seen from behind with a low backrest below the shoulder blades."""
    return prop_group([
        rect(cx - 36, seat, 72, 9, rx=4, fill=SOFT),
        path(f"M{num(cx - 30)} {num(seat + 9)} L{num(cx - 33)} {num(FLOOR)} "
             f"M{num(cx + 30)} {num(seat + 9)} L{num(cx + 33)} {num(FLOOR)}", stroke_width=5),
        path(f"M{num(cx - 30)} {num(seat + 34)} L{num(cx + 30)} {num(seat + 34)}"),
    ])


def chair_front(cx: float, seat: float = 222, back_top: float = 150) -> list[str]:
    """A chair seen from the front: the backrest shows behind the sitter."""
    return prop_group([
        rect(cx - 30, back_top, 60, seat - back_top - 6, rx=6, fill=SOFT),
        rect(cx - 36, seat, 72, 9, rx=4, fill=SOFT),
        path(f"M{num(cx - 30)} {num(seat + 9)} L{num(cx - 33)} {num(FLOOR)} "
             f"M{num(cx + 30)} {num(seat + 9)} L{num(cx + 33)} {num(FLOOR)}", stroke_width=5),
    ])


def wall(x: float, facing: float = 1, top: float = 30) -> list[str]:
    """A wall whose face is at ``x``; it extends away from a figure facing ``facing``."""
    w = 22
    x0 = x if facing > 0 else x - w
    edge = f"M{num(x)} {num(top)} L{num(x)} {num(FLOOR)}"
    return prop_group([rect(x0, top, w, FLOOR - top, fill=SOFT, stroke="none"),
                       path(edge, stroke_width=4)])


def door_frame(x: float, top: float = 30) -> list[str]:
    """A door frame seen from the side: the jamb a forearm rests on."""
    return prop_group([rect(x - 7, top, 14, FLOOR - top, rx=3, fill=SOFT)])


def towel_roll(c: Point, r: float = 10) -> list[str]:
    return prop_group([circle(c, r, fill=SOFT),
                       path(f"M{pt((c[0], c[1] - r * 0.45))} "
                            f"Q{pt((c[0] + r * 0.5, c[1]))} {pt((c[0], c[1] + r * 0.45))}")])


def foam_roller(c: Point, r: float = 17) -> list[str]:
    return prop_group([circle(c, r, fill=SOFT), circle(c, r * 0.35)])


def table(x0: float, x1: float, top: float) -> list[str]:
    """A bed or sturdy table seen from the side."""
    return prop_group([
        rect(x0, top, x1 - x0, 12, rx=4, fill=SOFT),
        path(f"M{num(x0 + 10)} {num(top + 12)} L{num(x0 + 10)} {num(FLOOR)} "
             f"M{num(x1 - 10)} {num(top + 12)} L{num(x1 - 10)} {num(FLOOR)}", stroke_width=5),
    ])


def band(points: Sequence[Point]) -> str:
    return path(polyline(points), fill="none", stroke=PROP, stroke_width=4,
                stroke_linecap="round", stroke_linejoin="round")


def anchor(p: Point) -> str:
    """Where a band is tied (a door handle or a fixed point)."""
    return circle(p, 5, fill=SOFT, stroke=PROP, stroke_width=3)


def desk(x0: float, x1: float, top: float = 200, screen: Point | None = None,
         screen_h: float = 50) -> list[str]:
    out = [rect(x0, top, x1 - x0, 7, rx=3, fill=SOFT),
           path(f"M{num(x1 - 8)} {num(top + 7)} L{num(x1 - 8)} {num(FLOOR)}", stroke_width=4)]
    if screen is not None:
        sx, sy = screen  # the middle of the screen's face
        out += [rect(sx - 4, sy - screen_h / 2, 9, screen_h, rx=3, fill=SOFT),
                path(f"M{num(sx + 1)} {num(sy + screen_h / 2)} L{num(sx + 1)} {num(top)} "
                     f"M{num(sx - 12)} {num(top)} L{num(sx + 14)} {num(top)}", stroke_width=4)]
    return prop_group(out)


# ---------------------------------------------------------------- composition

def zoom(scene: Sequence[str], scale: float, origin: Point) -> list[str]:
    """The scene drawn ``scale`` times larger about ``origin`` (strokes grow with it)."""
    ox, oy = origin
    dx, dy = ox - ox * scale, oy - oy * scale
    return group(scene, transform=f"translate({num(dx)} {num(dy)}) scale({scale:g})")


Scene = list[str]


@dataclass
class Exercise:
    start: Callable[[], Scene]
    end: Callable[[], Scene]


def two_up(start: Scene, end: Scene) -> str:
    lines = ['<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
             'width="600" height="300" viewBox="0 0 600 300">', "  <!-- start -->"]
    lines += ["  " + s for s in group(start)]
    lines += ["  <!-- arrow -->", "  " + MIDDLE_ARROW, "  <!-- end -->"]
    lines += ["  " + s for s in group(end, transform="translate(300 0)")]
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def square(scene: Scene) -> str:
    lines = ['<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
             'width="300" height="300" viewBox="0 0 300 300">']
    lines += ["  " + s for s in scene]
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


DRAWINGS: dict[str, Callable[[], str]] = {}


def drawing(name: str) -> Callable[[Callable[[], tuple[Scene, Scene]]], Callable[[], str]]:
    """Register an exercise drawing: the function returns (start scene, end scene)."""
    def wrap(fn: Callable[[], tuple[Scene, Scene]]) -> Callable[[], str]:
        def make() -> str:
            return two_up(*fn())
        DRAWINGS[f"exercises/{name}"] = make
        return make
    return wrap


def single(name: str) -> Callable[[Callable[[], Scene]], Callable[[], str]]:
    def wrap(fn: Callable[[], Scene]) -> Callable[[], str]:
        def make() -> str:
            return square(fn())
        DRAWINGS[name] = make
        return make
    return wrap


# ---------------------------------------------------------------- poses used by several drawings

STAND_HIP = ON_FLOOR - THIGH - SHIN  # a standing hip, legs straight
SEAT_HIP = 213.0             # a hip on a chair seat (seat top at 222)


def standing_legs(x: float, spread: float = 6, facing: float = 1) -> dict[str, LimbSpec]:
    return {"leg": ("to", (x + spread * facing, ON_FLOOR), -facing, 90),
            "far_leg": ("to", (x - spread * facing, ON_FLOOR), -facing, 90)}


def seated_legs(hip: Point, facing: float = 1) -> dict[str, LimbSpec]:
    """Thighs along the seat, shins down, feet flat (as in the first drawings)."""
    x = hip[0] + 59 * facing
    return {"leg": ("to", (x + 6 * facing, ON_FLOOR), -facing, 90),
            "far_leg": ("to", (x, ON_FLOOR), -facing, 90)}


def quadruped(x: float, facing: float = 1, bend: float = 0, neck: float | None = None,
              face: float | None = None, arm: LimbSpec = None, far_arm: LimbSpec = None,
              hip_y: float = 212, shoulder_y: float = 187, leg: LimbSpec = None,
              far_leg: LimbSpec = None, head_on_top: bool = False) -> Figure:
    """On hands and knees; ``x`` is the knee (under the hip)."""
    hip = (x, hip_y)
    top = (x + 75 * facing * math.cos(math.asin((hip_y - shoulder_y + 8) / 75)),
           shoulder_y - 8)
    trunk = angle_to(hip, top, facing)
    hand_x = x + (top[0] - x) * 0.93
    support: LimbSpec = ("to", (hand_x, ON_FLOOR), -facing)
    knee = ("to", (x - 47 * facing, ON_FLOOR), facing)
    return side(hip, facing, trunk, bend, neck=trunk - 30 if neck is None else neck, face=face,
                arm=support if arm is None else arm,
                far_arm=support if far_arm is None else far_arm,
                leg=[(x, ON_FLOOR), (x - 47 * facing, ON_FLOOR)] if leg is None else leg,
                far_leg=[(x + 3 * facing, ON_FLOOR), (x - 44 * facing, ON_FLOOR)]
                if far_leg is None else far_leg, head_on_top=head_on_top) if knee else Figure()


def supine(hip_x: float, hip_y: float = ON_FLOOR - 3, trunk: float = 270, bend: float = 0,
           neck: float = 258, face: float = 180, arm: LimbSpec = None,
           far_arm: LimbSpec = None, leg: LimbSpec = None, far_leg: LimbSpec = None,
           feet_x: float = 78, trunk_len: float = TRUNK, head_on_top: bool = False) -> Figure:
    """Lying on the back, head to the left, knees bent with the feet flat (by default)."""
    hip = (hip_x, hip_y)
    flat: LimbSpec = (88, 84)
    knees: LimbSpec = ("to", (hip_x + feet_x, ON_FLOOR), -1, 90)
    far_knees: LimbSpec = ("to", (hip_x + feet_x - 6, ON_FLOOR), -1, 90)
    return side(hip, 1, trunk, bend, neck=neck, face=face,
                arm=flat if arm is None else arm, far_arm=(92, 88) if far_arm is None
                else far_arm, leg=knees if leg is None else leg,
                far_leg=far_knees if far_leg is None else far_leg, trunk_len=trunk_len,
                head_on_top=head_on_top)


def behind_head(fig_hip: Point, trunk: float, neck: float, facing: float = 1,
                trunk_len: float = TRUNK) -> Point:
    """Where a hand rests behind the head of a side figure with this hip/trunk/neck."""
    top = move(fig_hip, trunk, trunk_len, facing)
    head = move(move(top, neck, NECK, facing), neck, HEAD_R - 4, facing)
    return move(head, neck + 90, 9, facing)


def prone_top(hip: Point, arms: tuple[LimbSpec, LimbSpec], lifted: bool,
              blades: float) -> list[str]:
    """Lying face down, seen from above, head to the right, on a mat."""
    shadow = ("l_arm", "r_arm") if lifted else ()
    fig = front(hip, axis=90, arms=arms, legs=((2, 0), (2, 0)), blades=blades, shadow=shadow,
                halo=True, shadow_off=(8, 11))
    out = [*top_mat(14, 22, 280, 278), *fig.svg()]
    if lifted:  # from each hand's shadow up to the hand: the arms are off the floor
        for name in shadow:
            chain = fig.chains[name]
            mid = lerp(chain[1], chain[-1], 0.6) if len(chain) > 2 else chain[-1]
            out.append(arrow((mid[0] + 26, mid[1] + 32), (mid[0] + 6, mid[1] + 8), 4))
    return out


# ---------------------------------------------------------------- prone, from above

def y_arms() -> tuple[LimbSpec, LimbSpec]:
    return ((140, 140), (140, 140))


@drawing("prone-y-raise")
def prone_y_raise() -> tuple[Scene, Scene]:
    hip = (122.0, 150.0)
    start = prone_top(hip, y_arms(), False, 6)
    end = prone_top(hip, y_arms(), True, 1.5)
    return start, end


@drawing("prone-t")
def prone_t() -> tuple[Scene, Scene]:
    hip = (122.0, 150.0)
    arms = ((92, 92), (92, 92))
    start = prone_top(hip, arms, False, 6)
    end = prone_top(hip, arms, True, 1.5)
    return start, end


@drawing("prone-w")
def prone_w() -> tuple[Scene, Scene]:
    hip = (122.0, 150.0)
    arms = ((40, 130), (40, 130))
    start = prone_top(hip, arms, False, 6)
    end = prone_top(hip, arms, True, 1.5)
    return start, end

# ---------------------------------------------------------------- on hands and knees

@drawing("cat-camel")
def cat_camel() -> tuple[Scene, Scene]:
    def pose(bend: float, neck: float, face: float) -> Scene:
        fig = quadruped(95, bend=bend, neck=neck, face=face)
        return [*floor(), mat(40, 250), *fig.svg()]
    start = pose(16, 40, 10)
    end = pose(-11, 120, 100)
    end.append(arrow((112, 168), (150, 186), 4, bow=5))
    return start, end


@drawing("thread-the-needle")
def thread_the_needle() -> tuple[Scene, Scene]:
    start = [*floor(), mat(40, 250), *quadruped(95).svg()]
    # end: the near arm slides under the chest along the floor, the shoulder and the side
    # of the head come down to rest on the floor
    hip = (95.0, 212.0)
    top = (172.0, 236.0)
    trunk = angle_to(hip, top)
    fig = side(hip, 1, trunk, 3, neck=62, nose=False,
               arm=[(150, ON_FLOOR), (110, ON_FLOOR)], far_arm=("to", (222, ON_FLOOR), 1),
               leg=[(95, ON_FLOOR), (48, ON_FLOOR)], far_leg=[(98, ON_FLOOR), (51, ON_FLOOR)],
               trunk_len=dist(hip, top))
    end = [*floor(), mat(40, 250), *fig.svg(), arrow((158, 244), (114, 244), 4)]
    return start, end


@drawing("quadruped-thoracic-rotation")
def quadruped_thoracic_rotation() -> tuple[Scene, Scene]:
    def pose(elbow_up: bool) -> Scene:
        base = quadruped(95)
        hip, top = base.joints["hip"], base.joints["top"]
        trunk = angle_to(hip, top)
        neck = trunk - 30 if not elbow_up else trunk + 15
        hand = behind_head(hip, trunk, neck)
        sh = base.joints["shoulder"]
        elbow = (sh[0] + 6, sh[1] + 37) if not elbow_up else (sh[0] - 8, sh[1] - 38)
        fig = quadruped(95, neck=neck, face=10 if not elbow_up else 150,
                        arm=[elbow, hand], head_on_top=True)
        return [*floor(), mat(40, 250), *fig.svg()]
    start, end = pose(False), pose(True)
    end.append(arrow((222, 236), (216, 156), 4, bow=-12))
    return start, end


@drawing("childs-pose-reach")
def childs_pose_reach() -> tuple[Scene, Scene]:
    start = [*floor(), mat(30, 260), *quadruped(90).svg()]
    hip = (70.0, 222.0)  # sitting back on the heels: the hips high over them
    fig = side(hip, 1, 72, 14, neck=78, face=20, head_on_top=True,
               arm=("to", (262, ON_FLOOR), -1), far_arm=("to", (256, ON_FLOOR), -1),
               leg=[(122, ON_FLOOR), (74, ON_FLOOR), (60, ON_FLOOR)],
               far_leg=[(126, ON_FLOOR), (78, ON_FLOOR), (64, ON_FLOOR)])
    # the shins lie along the floor under the thighs: the knee is ahead of the hip
    end = [*floor(), mat(30, 275), *fig.svg(), arrow((196, 232), (246, 232), 4),
           arrow((112, 188), (76, 188), 4)]
    return start, end


# ---------------------------------------------------------------- planks

def straight_body(ankle: Point, lean: float, facing: float = 1) -> tuple[Point, float]:
    """The hip and trunk angle of a body held straight from the ankle, leaning ``lean``
    degrees from vertical towards where it faces."""
    hip = move(ankle, 180 - lean, THIGH + SHIN - 1, facing)
    return hip, 180 - lean


@drawing("wall-plank")
def wall_plank() -> tuple[Scene, Scene]:
    wall_x = 262.0

    def pose(ankle_x: float) -> Scene:
        # shoulders at elbow height, the elbow on the wall, the forearm up along it
        reach = wall_x - 7 - UPPER_ARM
        best = None
        for lean10 in range(0, 700):
            lean = lean10 / 10
            hip, trunk = straight_body((ankle_x, ON_FLOOR), lean)
            top = move(hip, trunk, TRUNK)
            shoulder_x = top[0] + math.sin(math.radians(lean)) * -8
            if best is None or abs(shoulder_x - reach) < best[0]:
                best = (abs(shoulder_x - reach), lean)
        assert best is not None
        hip, trunk = straight_body((ankle_x, ON_FLOOR), best[1])
        probe = side(hip, 1, trunk)
        sh = probe.joints["shoulder"]
        elbow = (wall_x - 7, sh[1])
        arm = [elbow, (wall_x - 7, sh[1] - FOREARM)]
        fig = side(hip, 1, trunk, neck=trunk, arm=arm, far_arm=[(elbow[0] - 3, elbow[1] + 2),
                   (elbow[0] - 3, elbow[1] + 2 - FOREARM)],
                   leg=[lerp(hip, (ankle_x, ON_FLOOR), 0.52), (ankle_x, ON_FLOOR),
                        (ankle_x + FOOT, ON_FLOOR)],
                   far_leg=[lerp(hip, (ankle_x - 5, ON_FLOOR), 0.52), (ankle_x - 5, ON_FLOOR),
                            (ankle_x - 5 + FOOT, ON_FLOOR)])
        return [*floor(), *wall(wall_x), *fig.svg()]
    start = pose(208)
    end = pose(120)
    end.append(arrow((150, 236), (110, 236), 4))
    return start, end


def sphinx(shoulder_x: float) -> Figure:
    """Lying face down, propped on the forearms (elbows under the shoulders), hips down."""
    sh = (shoulder_x, ON_FLOOR - UPPER_ARM)
    hip = (shoulder_x - 66, ON_FLOOR - 3)
    trunk = angle_to(hip, sh)
    return side(hip, 1, trunk, neck=trunk - 40, face=trunk - 120,
                arm=[(shoulder_x, ON_FLOOR), (shoulder_x + FOREARM, ON_FLOOR)],
                far_arm=[(shoulder_x + 3, ON_FLOOR), (shoulder_x + FOREARM + 3, ON_FLOOR)],
                leg=(270, 270, 300), far_leg=(268, 270, 300), trunk_len=dist(hip, sh) + 8)


def forearm_plank(knee_x: float | None, shoulder_x: float, toes_x: float | None = None
                  ) -> Figure:
    """On the forearms (elbows under the shoulders) and the knees or the toes."""
    elbow = (shoulder_x, ON_FLOOR)
    sh = (shoulder_x, ON_FLOOR - UPPER_ARM)
    hand = (shoulder_x + FOREARM, ON_FLOOR)
    if knee_x is not None:
        knee = (knee_x, ON_FLOOR)
        d = dist(knee, sh)
        hip = lerp(knee, sh, THIGH / d)
        trunk_len = d - THIGH + 8
        leg: LimbSpec = [knee, (knee_x - SHIN, ON_FLOOR - 2), (knee_x - SHIN - 2, ON_FLOOR - 14)]
    else:
        assert toes_x is not None
        toes = (toes_x, ON_FLOOR)
        d = dist(toes, sh)
        hip = lerp(toes, sh, (THIGH + SHIN) / d)
        trunk_len = d - THIGH - SHIN + 8
        ankle = (toes_x - 4, ON_FLOOR - 12)
        leg = ("to", ankle, 1)
        leg = [lerp(hip, ankle, 0.5), ankle, toes]
    trunk = angle_to(hip, sh)
    return side(hip, 1, trunk, neck=trunk - 2, face=trunk - 95,
                arm=[elbow, hand], far_arm=[(elbow[0] + 3, elbow[1]), (hand[0] + 3, hand[1])],
                leg=leg, far_leg=leg, trunk_len=trunk_len)


@drawing("knee-plank")
def knee_plank() -> tuple[Scene, Scene]:
    """Propped on the forearms, then the hips lift: straight from the knees to the head."""
    sh_x = 200.0
    start = [*floor(), mat(20, 280), *sphinx(sh_x).svg()]
    end = [*floor(), mat(20, 280), *forearm_plank(100, sh_x).svg(),
           arrow((138, 250), (138, 226), 4)]
    return start, end


@drawing("plank")
def plank() -> tuple[Scene, Scene]:
    sh_x = 215.0
    start = [*floor(), mat(20, 280), *sphinx(sh_x).svg()]
    end = [*floor(), mat(20, 280), *forearm_plank(None, sh_x, 40).svg(),
           arrow((100, 250), (100, 222), 4)]
    return start, end


@drawing("side-plank-knees")
def side_plank_knees() -> tuple[Scene, Scene]:
    """Seen from the front, lying on one side with the head to the left, on the forearm
    and the knees (bent back, out of sight behind the thighs)."""
    elbow = (92.0, ON_FLOOR)
    sh = (92.0, ON_FLOOR - UPPER_ARM)
    knee = (236.0, ON_FLOOR)

    def pose(axis: float) -> Scene:
        low = front((0.0, 0.0), axis=axis).joints["l_shoulder"]
        hip = (sh[0] - low[0], sh[1] - low[1])
        probe = front(hip, axis=axis)
        hand = lerp(probe.joints["r_hip"], probe.joints["r_shoulder"], 0.12)
        top_elbow = ik(probe.joints["r_shoulder"], hand, UPPER_ARM, FOREARM, -1)
        fig = front(hip, axis=axis, tilt=6,
                    arms=([elbow, (elbow[0] - 30, ON_FLOOR)], [top_elbow, hand]),
                    legs=([knee, (knee[0] + 8, ON_FLOOR - 18)],
                          [(knee[0] - 2, knee[1] - 8), (knee[0] + 6, knee[1] - 26)]),
                    far=("r_leg",), halo=True)
        return [*floor(), mat(20, 280), *fig.svg()]
    start = pose(233)
    end = pose(256)
    end.append(arrow((178, 262), (178, 234), 4))
    return start, end

# ---------------------------------------------------------------- lying on the back

@drawing("dead-bug")
def dead_bug() -> tuple[Scene, Scene]:
    hip_x = 150.0
    table: LimbSpec = (180, 90, 180)  # hips and knees at 90 degrees, shins level
    start = [*floor(), mat(20, 280),
             *supine(hip_x, arm=(180, 180), far_arm=(176, 176), leg=table, far_leg=(176, 86, 176)
                     ).svg()]
    # the near arm reaches back overhead, the opposite (far) leg reaches out; both stay
    # just above the floor
    end = [*floor(), mat(20, 280),
           *supine(hip_x, arm=(246, 246), far_arm=(176, 176), leg=table,
                   far_leg=(96, 96, 120)).svg(),
           arrow((86, 160), (32, 222), 4, bow=-10), arrow((204, 196), (252, 238), 4, bow=10)]
    return start, end


@drawing("glute-bridge")
def glute_bridge() -> tuple[Scene, Scene]:
    top = (70.0, ON_FLOOR - 3)
    feet = 222.0

    def pose(hip: Point) -> Scene:
        trunk = angle_to(hip, top)
        fig = side(hip, 1, trunk, neck=262, face=180 if hip[1] > 240 else 200,
                   arm=[(top[0] + 40, ON_FLOOR), (top[0] + 76, ON_FLOOR)],
                   far_arm=[(top[0] + 43, ON_FLOOR), (top[0] + 79, ON_FLOOR)],
                   leg=("to", (feet, ON_FLOOR), -1, 90),
                   far_leg=("to", (feet - 6, ON_FLOOR), -1, 90),
                   trunk_len=dist(hip, top))
        return [*floor(), mat(20, 280), *fig.svg()]
    start = pose((145.0, ON_FLOOR - 3))
    end = pose((140.0, 214.0))
    end.append(arrow((140, 250), (140, 234), 4))
    return start, end


def head_tuck_scene(neck: float, face: float) -> Scene:
    """Lying on the back, drawn larger so that the head's small movement shows."""
    fig = supine(134, neck=neck, face=face, feet_x=62)
    return [*floor(), *zoom([mat(10, 205), *fig.svg()], 1.35, (10, FLOOR))]


@drawing("supine-chin-tuck")
def supine_chin_tuck() -> tuple[Scene, Scene]:
    start = head_tuck_scene(256, 184)
    end = head_tuck_scene(268, 132)
    end.append(arrow((64, 196), (88, 206), 3.5, bow=-6))
    return start, end


@drawing("supine-chin-tuck-head-lift")
def supine_chin_tuck_head_lift() -> tuple[Scene, Scene]:
    start = head_tuck_scene(268, 132)
    end = head_tuck_scene(238, 124)
    end.append(arrow((46, 208), (46, 182), 3.5))
    return start, end


def over_roll(roll: Point, roll_r: float, hip: Point, bend: float, lift: float,
              elbow_up: bool) -> Figure:
    """Lying back over a roll across the upper back, hands behind the head."""
    touch = (roll[0], roll[1] - roll_r - TRUNK_W / 2 + 1)
    trunk = angle_to(hip, touch) + lift
    neck = trunk - 6 + lift * 0.6
    hand = behind_head(hip, trunk, neck)
    probe = side(hip, 1, trunk, bend, neck=neck)
    head = probe.joints["head"]
    elbow = (head[0] + 40, head[1] - 30) if elbow_up else (head[0] + 42, head[1] - 18)
    return side(hip, 1, trunk, bend, neck=neck, face=neck - 90,
                arm=[elbow, hand], far_arm=False,
                leg=("to", (hip[0] + 80, ON_FLOOR), -1, 90),
                far_leg=("to", (hip[0] + 74, ON_FLOOR), -1, 90), head_on_top=True)


@drawing("thoracic-extension-towel")
def thoracic_extension_towel() -> tuple[Scene, Scene]:
    roll = (84.0, ON_FLOOR - 3)
    hip = (142.0, ON_FLOOR - 3)

    def pose(lift: float, bend: float, elbow_up: bool) -> Scene:
        fig = over_roll(roll, 10, hip, bend, lift, elbow_up)
        return [*floor(), *zoom([mat(10, 232), *towel_roll(roll), *fig.svg()], 1.22,
                                (0, FLOOR))]
    start = pose(-1, 0, True)
    end = pose(6, -5, False)
    end.append(arrow((44, 190), (26, 222), 4, bow=-6))
    return start, end


@drawing("foam-roller-thoracic-extension")
def foam_roller_thoracic_extension() -> tuple[Scene, Scene]:
    roll = (86.0, FLOOR - 17)
    hip = (142.0, ON_FLOOR - 3)

    def pose(lift: float, bend: float, elbow_up: bool) -> Scene:
        fig = over_roll(roll, 17, hip, bend, lift, elbow_up)
        return [*floor(), *zoom([mat(10, 232), *foam_roller(roll), *fig.svg()], 1.22,
                                (0, FLOOR))]
    start = pose(-6, 0, True)
    end = pose(10, -7, False)
    end.append(arrow((50, 160), (26, 200), 4, bow=-6))
    return start, end

# ---------------------------------------------------------------- standing, with a band

def door(x: float, top: float = 40) -> list[str]:
    """A closed door seen edge-on, a band tied to its handle (an anchor) at chest height."""
    return prop_group([rect(x, top, 12, FLOOR - top, rx=2, fill=SOFT)])


@drawing("band-row")
def band_row() -> tuple[Scene, Scene]:
    hip = (112.0, STAND_HIP)
    knot = (262.0, 118.0)

    def pose(pulled: bool) -> Scene:
        probe = side(hip)
        sh = probe.joints["shoulder"]
        if pulled:
            elbow = move(sh, 330, UPPER_ARM)
            hand = move(elbow, 92, FOREARM)
        else:
            hand = move(sh, 96, UPPER_ARM + FOREARM - 1)
            elbow = lerp(sh, hand, 0.51)
        fig = side(hip, arm=[elbow, hand], far_arm=[(elbow[0] + 2, elbow[1] + 2),
                   (hand[0] + 2, hand[1] + 2)], **standing_legs(hip[0], 3))
        return [*floor(), *door(268), anchor(knot), band([hand, knot]), *fig.svg()]
    start, end = pose(False), pose(True)
    end.append(arrow((150, 86), (112, 86), 4))
    return start, end


def band_front(hands: tuple[Point, Point], shape: str) -> str:
    return band([hands[0], hands[1]])


@drawing("band-pull-apart")
def band_pull_apart() -> tuple[Scene, Scene]:
    """From the front: arms straight ahead at shoulder height, then out to the sides."""
    hip = (150.0, STAND_HIP)
    legs: tuple[LimbSpec, LimbSpec] = (("to", (140, ON_FLOOR), 1, 90),
                                        ("to", (160, ON_FLOOR), -1, 90))
    probe = front(hip, legs=legs)
    ls, rs = probe.joints["l_shoulder"], probe.joints["r_shoulder"]
    # ahead, seen from the front: the arms come towards the viewer, foreshortened
    l_hand, r_hand = (ls[0] + 6, ls[1] + 14), (rs[0] - 6, rs[1] + 14)
    start_fig = front(hip, legs=legs, arms=([(ls[0] - 4, ls[1] + 8), l_hand],
                                           [(rs[0] + 4, rs[1] + 8), r_hand]), halo=True)
    start = [*floor(), *start_fig.svg(), band([l_hand, r_hand])]
    end_fig = front(hip, legs=legs, arms=((92, 92), (92, 92)), halo=True)
    lh, rh = end_fig.chains["l_arm"][-1], end_fig.chains["r_arm"][-1]
    end = [*floor(), band([lh, (ls[0], ls[1] + 10), (rs[0], rs[1] + 10), rh]), *end_fig.svg(),
           arrow((112, 80), (66, 80), 4), arrow((188, 80), (234, 80), 4)]
    return start, end


@drawing("band-external-rotation")
def band_external_rotation() -> tuple[Scene, Scene]:
    """From the front: elbows bent at the sides, forearms turn out against a band."""
    hip = (150.0, STAND_HIP)
    legs: tuple[LimbSpec, LimbSpec] = (("to", (140, ON_FLOOR), 1, 90),
                                        ("to", (160, ON_FLOOR), -1, 90))
    probe = front(hip, legs=legs)
    ls, rs = probe.joints["l_shoulder"], probe.joints["r_shoulder"]
    le, re = (ls[0] - 2, ls[1] + UPPER_ARM), (rs[0] + 2, rs[1] + UPPER_ARM)
    # forearms forward (towards the viewer): short, hands in front of the belly
    l_hand, r_hand = (le[0] + 16, le[1] + 6), (re[0] - 16, re[1] + 6)
    start_fig = front(hip, legs=legs, arms=([le, l_hand], [re, r_hand]), halo=True)
    start = [*floor(), *start_fig.svg(), band([l_hand, r_hand])]
    l_out, r_out = (le[0] - 30, le[1] + 2), (re[0] + 30, re[1] + 2)
    end_fig = front(hip, legs=legs, arms=([le, l_out], [re, r_out]), halo=True)
    end = [*floor(), band([l_out, (le[0] + 14, le[1] + 8), (re[0] - 14, re[1] + 8), r_out]),
           *end_fig.svg(), arrow((98, 186), (76, 160), 4, bow=6),
           arrow((202, 186), (224, 160), 4, bow=-6)]
    return start, end


# ---------------------------------------------------------------- at the wall, standing

@drawing("wall-push-up-plus")
def wall_push_up_plus() -> tuple[Scene, Scene]:
    wall_x = 262.0
    ankle = (150.0, ON_FLOOR)

    def pose(reach: float, bend: float) -> Scene:
        # lean until the shoulder is ``reach`` from the wall
        lean = math.degrees(math.asin((wall_x - 7 - reach - ankle[0]) / (THIGH + SHIN + 68)))
        hip, trunk = straight_body(ankle, lean)
        probe = side(hip, 1, trunk, bend)
        sh = probe.joints["shoulder"]
        hand = (wall_x - 7, sh[1] - 2)
        fig = side(hip, 1, trunk, bend, neck=trunk, arm=("to", hand, 1),
                   far_arm=("to", (hand[0], hand[1] + 3), 1), halo=True,
                   leg=[lerp(hip, ankle, 0.52), ankle, (ankle[0] + FOOT, ON_FLOOR)],
                   far_leg=[lerp(hip, (ankle[0] - 5, ON_FLOOR), 0.52), (ankle[0] - 5, ON_FLOOR),
                            (ankle[0] - 5 + FOOT, ON_FLOOR)])
        return [*floor(), *wall(wall_x), *fig.svg()]
    start = pose(36, 0)
    end = pose(UPPER_ARM + FOREARM - 2, 5)
    end.append(arrow((206, 40), (170, 40), 4))
    return start, end


@drawing("serratus-wall-slide")
def serratus_wall_slide() -> tuple[Scene, Scene]:
    wall_x = 198.0
    hip = (150.0, STAND_HIP)

    def pose(up: bool) -> Scene:
        trunk = 172 if up else 180
        probe = side(hip, 1, trunk)
        sh = probe.joints["shoulder"]
        face_x = wall_x - 7
        if up:
            elbow = (face_x - 4, sh[1] - 26)
            hand = (face_x, elbow[1] - FOREARM)
        else:
            elbow = (face_x, sh[1] + 4)
            hand = (face_x, elbow[1] - FOREARM)
        elbow = (min(elbow[0], sh[0] + UPPER_ARM), elbow[1])
        fig = side(hip, 1, trunk, neck=trunk, arm=[elbow, hand],
                   far_arm=[(elbow[0] - 2, elbow[1] + 2), (hand[0] - 2, hand[1] + 2)],
                   **standing_legs(hip[0], 6))
        return [*floor(), *wall(wall_x), *fig.svg()]
    start, end = pose(False), pose(True)
    end.append(arrow((236, 120), (236, 70), 4))
    return start, end


@drawing("pec-minor-stretch")
def pec_minor_stretch() -> tuple[Scene, Scene]:
    """In a doorway: one forearm high on the frame, then step through."""
    jamb = 150.0

    def pose(step: float) -> Scene:
        hip = (jamb - 14 + step, STAND_HIP)
        probe = side(hip, 1, 180 - step * 0.12)
        sh = probe.joints["shoulder"]
        elbow = (jamb - 2, sh[1] - 14)
        hand = (jamb - 2, elbow[1] - FOREARM)
        legs = {"leg": ("to", (hip[0] + 8 + step * 0.6, ON_FLOOR), -1, 90),
                "far_leg": ("to", (hip[0] - 8 - step * 0.3, ON_FLOOR), -1, 90)}
        fig = side(hip, 1, 180 - step * 0.12, neck=180, arm=[elbow, hand],
                   far_arm=(8, 4), **legs)
        return [*door_frame(jamb), *floor(), *fig.svg()]
    start, end = pose(0), pose(34)
    end.append(arrow((196, 150), (232, 150), 4))
    return start, end


# ---------------------------------------------------------------- seated

@drawing("thoracic-extension-chair")
def thoracic_extension_chair() -> tuple[Scene, Scene]:
    """Sitting back in a steady four-legged chair, hands behind the head, elbows forward;
    the upper back leans back over the top of the backrest."""
    hip = (112.0, SEAT_HIP)

    def pose(lean: float) -> Scene:
        trunk = 180 - lean
        neck = trunk - (lean * 0.9)
        fig0 = side(hip, 1, trunk, -lean * 0.35, neck=neck)
        head = fig0.joints["head"]
        hand = behind_head(hip, trunk, neck)
        elbow = (head[0] + 30, head[1] + 6)
        fig = side(hip, 1, trunk, -lean * 0.35, neck=neck, face=neck - 90 + lean * 0.6,
                   arm=[elbow, hand], far_arm=False, head_on_top=True, **seated_legs(hip))
        return [*floor(), *chair(hip[0] - 4, back_top=160), *fig.svg()]
    start, end = pose(0), pose(24)
    end.append(arrow((150, 66), (112, 70), 4, bow=8))
    return start, end


@drawing("shoulder-blade-squeeze")
def shoulder_blade_squeeze() -> tuple[Scene, Scene]:
    """From behind, sitting on a chair without a high back: the blades draw together."""
    hip = (150.0, SEAT_HIP)

    def pose(blades: float, arms: tuple[LimbSpec, LimbSpec]) -> Scene:
        legs = front(hip, arms=(None, None), legs=((8, 0, 0), (8, 0, 0)),
                     leg_lengths=(14, 44, 0))
        fig = front(hip, arms=arms, legs=(None, None), blades=blades)
        return [*floor(), *ink_group(legs.body[-4:]), *stool_back(150), *fig.svg()]
    start = pose(7, ((6, 2), (6, 2)))
    end = pose(1.5, ((1, -3), (1, -3)))
    for sgn in (-1, 1):
        end.append(arrow((150 + sgn * 56, 122), (150 + sgn * 32, 140), 4))
    return start, end


def seated_front(hip: Point, tilt: float = 0, face: float | None = None,
                 arms: tuple[LimbSpec, LimbSpec] = ((6, 4), (6, 4)),
                 neck_len: float = NECK) -> Figure:
    return front(hip, tilt=tilt, face=face, arms=arms, legs=((6, 0, 90), (6, 0, 90)),
                 leg_lengths=(14, 44, 10), halo=True, neck_len=neck_len,
                 head_on_top=tilt != 0)


def neck_stretch(tilt: float, face: float | None, hand_on: Point | None,
                 neck_len: float = NECK) -> Scene:
    hip = (150.0, SEAT_HIP)
    probe = seated_front(hip)
    ls = probe.joints["l_shoulder"]
    seat_edge = (ls[0] - 12, 226.0)
    holding: LimbSpec = ("to", seat_edge, -1)
    if hand_on is None:
        right: LimbSpec = (6, 4)
    else:
        rs = probe.joints["r_shoulder"]
        right = [ik(rs, hand_on, UPPER_ARM, FOREARM + 6, 1), hand_on]
    fig = seated_front(hip, tilt, face, arms=(holding, right), neck_len=neck_len)
    return [*floor(), *chair_front(150), *fig.svg()]


@drawing("upper-trapezius-stretch")
def upper_trapezius_stretch() -> tuple[Scene, Scene]:
    """From the front: the ear drawn towards one shoulder, the hand resting on the head;
    the other hand holds the seat."""
    start = neck_stretch(0, None, None)
    probe = front((150.0, SEAT_HIP), tilt=-34)
    head = probe.joints["head"]
    end = neck_stretch(-34, None, (head[0] - 12, head[1] - 8))
    end.append(arrow((138, 70), (184, 92), 4, bow=-8))
    return start, end


@drawing("levator-scapulae-stretch")
def levator_scapulae_stretch() -> tuple[Scene, Scene]:
    """From the front: the head turned towards one armpit and bent down, the hand behind it.
    Unlike the upper trapezius stretch (ear to shoulder), the nose points at the armpit:
    the nose dot sits on that side of the head and a thin line shows where the eyes look."""
    start = neck_stretch(0, None, None)
    probe = seated_front((150.0, SEAT_HIP), -26, neck_len=4)
    head = probe.joints["head"]
    armpit = (probe.joints["l_shoulder"][0] + 2, probe.joints["l_shoulder"][1] + 34)
    look = angle_to(head, armpit)
    end = neck_stretch(-26, look, (head[0] + 10, head[1] - 12), neck_len=4)
    nose = move(head, look, FACE)
    end.append(circle(nose, 7, fill=INK, stroke=SOFT, stroke_width=3))  # over the halo
    end.append(path(f"M{pt(move(nose, look, 9))} L{pt(armpit)}", stroke=ACCENT,
                    stroke_width=3, stroke_dasharray="5 5", fill="none"))
    end.append(arrow((128, 78), (150, 120), 4, bow=10))
    return start, end


@drawing("posture-reset-desk")
def posture_reset_desk() -> tuple[Scene, Scene]:
    """Drawn large: slumped to a low screen, then ears over shoulders, shoulders relaxed,
    the screen raised to eye level."""
    hip = (62.0, SEAT_HIP)

    def pose(upright: bool) -> Scene:
        if upright:
            fig = side(hip, 1, 180, neck=180, arm=[(76, 186), (122, 190)],
                       far_arm=[(79, 186), (125, 190)], **seated_legs(hip))
            eye_y = fig.joints["head"][1] - 2
            props = desk(108, 232, 196, screen=(212, eye_y + 10), screen_h=44)
        else:
            fig = side(hip, 1, 172, 12, neck=128, face=60, arm=[(88, 188), (130, 194)],
                       far_arm=[(91, 188), (133, 194)], **seated_legs(hip))
            props = desk(108, 232, 196, screen=(212, 174), screen_h=30)
        scene = [*props, *chair(hip[0] - 4, back_top=150), *fig.svg()]
        if upright:
            sh = fig.joints["shoulder"]
            scene.append(guide((sh[0], 60), (sh[0], sh[1] + 10)))
        return [*floor(), *zoom(scene, 1.22, (0, FLOOR))]
    start, end = pose(False), pose(True)
    return start, end


# ---------------------------------------------------------------- lying on the side or front

@drawing("open-book")
def open_book() -> tuple[Scene, Scene]:
    """From above: lying on one side, knees bent, arms straight ahead; the top arm opens
    like a book to the other side, the head and chest turning with it."""
    hip = (84.0, 150.0)

    def turn(p: Point) -> Point:  # rotate(90) about the hip, as the group below
        return (hip[0] - (p[1] - hip[1]), hip[1] + (p[0] - hip[0]))

    def pose(opened: bool) -> tuple[Scene, Figure]:
        # the lower arm (grey) lies a little apart from the top one, so both show: palms
        # together in the start, the lower one left where it was in the end
        fig = side(hip, 1, 180, neck=180, face=270 if opened else 90,
                   arm=(270, 270) if opened else (90, 90), far_arm=(104, 104),
                   leg=(90, 0), far_leg=(86, 4))
        turned = group(fig.svg(), transform=f"rotate(90 {num(hip[0])} {num(hip[1])})")
        head = fig.joints["head"]
        pillow = prop_group([rect(hip[0] + (hip[1] - head[1]) - 20, 124, 40, 52, rx=10,
                                  fill=SOFT)])
        return [*top_mat(14, 22, 280, 278), *pillow, *turned], fig
    start, closed = pose(False)
    end, opened = pose(True)
    # the hand's way over the top, like a page turned: a thin arc from where the hand
    # started, round the shoulder, to where it ends
    shoulder = turn(opened.joints["shoulder"])
    a, b = turn(closed.chains["arm"][-1]), turn(opened.chains["arm"][-1])
    r = dist(shoulder, a)
    end.insert(2, path(f"M{pt(a)} A{num(r)} {num(r)} 0 0 0 {pt(b)}", fill="none",
                       stroke=ACCENT, stroke_width=2, stroke_opacity=0.6,
                       stroke_dasharray="6 6"))
    end.append(arrow((226, 206), (226, 96), 4, bow=-30))
    return start, end


@drawing("prone-row")
def prone_row() -> tuple[Scene, Scene]:
    """From above, face down: elbows bent, hands beside the waist; elbows and hands lift."""
    hip = (122.0, 150.0)
    arms: tuple[LimbSpec, LimbSpec] = ((62, 8), (62, 8))
    start = prone_top(hip, arms, False, 6)
    end = prone_top(hip, arms, True, 1.5)
    return start, end


def snowflake(c: Point, r: float, width: float) -> str:
    d = []
    for k in range(3):
        a = math.radians(90 + 60 * k)
        p0 = (c[0] + math.cos(a) * r, c[1] + math.sin(a) * r)
        p1 = (c[0] - math.cos(a) * r, c[1] - math.sin(a) * r)
        d.append(f"M{pt(p0)} L{pt(p1)}")
        for end, sgn in ((p0, 1), (p1, -1)):
            tip = lerp(c, end, 0.68)
            for side_ in (-1, 1):
                b = a + math.pi * (0 if sgn > 0 else 1) + side_ * math.radians(40)
                barb = (tip[0] + math.cos(b) * r * 0.3, tip[1] + math.sin(b) * r * 0.3)
                d.append(f" M{pt(tip)} L{pt(barb)}")
    return path("".join(d), fill="none", stroke=ICE, stroke_width=width, stroke_linecap="round",
                stroke_linejoin="round")


def waves(x: float, y: float, n: int = 3) -> str:
    d = []
    for k in range(n):
        xx = x + (k - (n - 1) / 2) * 18
        d.append(f"M{num(xx)} {num(y)} Q{num(xx - 7)} {num(y - 8)} {num(xx)} {num(y - 16)} "
                 f"Q{num(xx + 7)} {num(y - 24)} {num(xx)} {num(y - 32)} ")
    return path("".join(d).strip(), fill="none", stroke=HEAT, stroke_width=5,
                stroke_linecap="round", stroke_linejoin="round")


def pack_on_back(colour: str) -> Scene:
    """Lying face down, a wrapped pack resting on the upper back between the shoulders."""
    hip = (112.0, ON_FLOOR - 3)
    fig = side(hip, 1, 90, neck=92, face=50, arm=(272, 272), far_arm=False,
               leg=(270, 270), far_leg=(268, 270))
    sh = fig.joints["shoulder"]
    cx = sh[0] - 22
    y = hip[1] - TRUNK_W / 2
    pack = [rect(cx - 26, y - 15, 52, 16, rx=6, fill=SOFT, stroke=PROP, stroke_width=3),
            rect(cx - 19, y - 11, 38, 8, rx=3, fill=colour)]
    scene = [mat(8, 232), *fig.svg(), *pack]
    return scene


@single("ice-heat/ice")
def ice() -> Scene:
    scene = pack_on_back(ICE)
    scene += [snowflake((166, 200), 16, 4), snowflake((128, 212), 9, 3)]
    return [*group([*zoom(scene, 1.28, (6, FLOOR)), *floor(8, 292)],
                   transform="translate(0 -44)")]


@single("ice-heat/heat")
def heat() -> Scene:
    scene = pack_on_back(HEAT)
    scene.append(waves(166, 232))
    return [*group([*zoom(scene, 1.28, (6, FLOOR)), *floor(8, 292)],
                   transform="translate(0 -44)")]


# ---------------------------------------------------------------- the first set, redrawn

@drawing("chin-tuck")
def chin_tuck() -> tuple[Scene, Scene]:
    """Sitting tall: the head drawn straight back until the ears are over the shoulders."""
    hip = (100.0, SEAT_HIP)
    on_thigh: LimbSpec = ("to", (hip[0] + 44, hip[1] - 12), 1)
    start_fig = side(hip, 1, 176, 4, neck=150, face=80, arm=on_thigh,
                     far_arm=("to", (hip[0] + 40, hip[1] - 10), 1), **seated_legs(hip))
    end_fig = side(hip, 1, 180, neck=180, arm=on_thigh,
                   far_arm=("to", (hip[0] + 40, hip[1] - 10), 1), **seated_legs(hip))
    start = [*floor(), *chair(hip[0] - 4, back_top=150), *start_fig.svg()]
    sh = end_fig.joints["shoulder"]
    head = end_fig.joints["head"]
    end = [*floor(), *chair(hip[0] - 4, back_top=150), guide((sh[0], 40), (sh[0], sh[1] + 8)),
           *end_fig.svg(), arrow((head[0] + 48, head[1] + 6), (head[0] + 26, head[1] + 6), 4)]
    return start, end


@drawing("bird-dog")
def bird_dog() -> tuple[Scene, Scene]:
    start = [*floor(), mat(40, 250), *quadruped(120).svg()]
    base = quadruped(120)
    hip = base.joints["hip"]
    # the far arm reaches ahead (drawn behind the head), the near leg reaches back
    fig = quadruped(120, far_arm=(94, 94), leg=(272, 270, 290))
    end = [*floor(), mat(40, 250), *fig.svg(),
           arrow((hip[0] + 128, 164), (hip[0] + 158, 164), 4),
           arrow((hip[0] - 50, 190), (hip[0] - 80, 190), 4)]
    return start, end


@drawing("doorway-chest-stretch")
def doorway_chest_stretch() -> tuple[Scene, Scene]:
    """In a doorway, both forearms on the frame at shoulder height; one foot steps through."""
    jamb = 150.0

    def pose(step: float) -> Scene:
        hip = (jamb - 12 + step, STAND_HIP)
        trunk = 180 - step * 0.1
        sh = side(hip, 1, trunk).joints["shoulder"]
        elbow = (jamb - 2, sh[1] + 2)
        hand = (jamb - 2, elbow[1] - FOREARM)
        legs = {"leg": ("to", (hip[0] + 6 + step * 0.7, ON_FLOOR), -1, 90),
                "far_leg": ("to", (hip[0] - 6 - step * 0.3, ON_FLOOR), -1, 90)}
        fig = side(hip, 1, trunk, neck=180, arm=[elbow, hand],
                   far_arm=[(elbow[0] + 2, elbow[1] + 2), (hand[0] + 2, hand[1] + 2)], **legs)
        return [*door_frame(jamb), *floor(), *fig.svg()]
    start, end = pose(0), pose(34)
    end.append(arrow((196, 150), (232, 150), 4))
    return start, end


@drawing("wall-angels")
def wall_angels() -> tuple[Scene, Scene]:
    """From the front, back against a wall: arms in a goalpost, then slid up the wall."""
    hip = (150.0, STAND_HIP)
    legs: tuple[LimbSpec, LimbSpec] = (("to", (138, ON_FLOOR), 1, 90),
                                        ("to", (162, ON_FLOOR), -1, 90))
    backdrop = [rect(18, 20, 264, FLOOR - 20, fill=SOFT, stroke="none")]
    start_fig = front(hip, legs=legs, arms=((92, 178), (92, 178)), halo=True)
    end_fig = front(hip, legs=legs, arms=((140, 162), (140, 162)), halo=True)
    lh, rh = end_fig.chains["l_arm"][-1], end_fig.chains["r_arm"][-1]
    start = [*backdrop, *floor(), *start_fig.svg()]
    end = [*backdrop, *floor(), *end_fig.svg(),
           arrow((lh[0] - 16, lh[1] + 34), (lh[0] - 16, lh[1] + 2), 4),
           arrow((rh[0] + 16, rh[1] + 34), (rh[0] + 16, rh[1] + 2), 4)]
    return start, end


# DRAWINGS-END


def target(name: str) -> Path:
    return ASSETS / f"{name}.svg"


def main(argv: Sequence[str]) -> int:
    check = "--check" in argv
    names = [a for a in argv if not a.startswith("--")]
    unknown = [n for n in names if f"exercises/{n}" not in DRAWINGS and n not in DRAWINGS]
    if unknown:
        print(f"unknown drawing(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    chosen = [k for k in DRAWINGS if not names or k in names or k.split("/", 1)[1] in names]
    stale = []
    for key in chosen:
        text = DRAWINGS[key]()
        out = target(key)
        if check:
            if not out.is_file() or out.read_text(encoding="utf-8") != text:
                stale.append(key)
        else:
            out.write_text(text, encoding="utf-8")
    if check and stale:
        print(f"stale drawing(s), run draw.py: {', '.join(stale)}", file=sys.stderr)
        return 1
    print(f"{'checked' if check else 'wrote'} {len(chosen)} drawing(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
