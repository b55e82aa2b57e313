#!/usr/bin/env bash
# Makes the demo's clips: static/demo/clips/<scene>-<tier>.webm, one per scene type of the demo and tier
# (base, premium), a few KB each, so the review queue has something to play out of the box.
# Authoring only: the clips are committed, and neither the app nor its tests need ffmpeg. Run it again
# (with ffmpeg built with libvpx and libfreetype) after changing a scene here or in
# src/lib/server/demo/scenes.ts, whose scene types must match the names below.
#
# Each scene is an ffmpeg test source that moves like the shot it stands for. The premium take is clean and
# smooth; the base take of the same scene is what a cheaper tier gets wrong on such shots: blocky detail,
# brightness that flickers from frame to frame, and stutter (8 frames a second).
set -euo pipefail
cd "$(dirname "$0")/.."
out=static/demo/clips
mkdir -p "$out"

size=256x144
seconds=3
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

declare -A source=(
	[close-up]="mandelbrot=size=$size:rate=24:start_scale=0.4:end_scale=0.00004:end_pts=60"
	[fine-texture]="cellauto=size=128x72:rate=12:rule=110:random_fill_ratio=0.5:scroll=1,scale=256:144:flags=neighbor,fps=24"
	[high-motion]="testsrc2=size=$size:rate=24"
	[complex-scene]="life=size=64x36:rate=6:ratio=0.3:death_color=#0b2a3a:life_color=#f2c14e:mold=20:mold_color=#7a3b2e,scale=256:144:flags=neighbor,fps=24"
	[landscape]="gradients=size=$size:rate=24:c0=#1e3a5f:c1=#e9b872:c2=#8fb9a8:speed=0.004"
	[interior]="gradients=size=$size:rate=24:c0=#5b3a29:c1=#f4e1c1:c2=#c98b5a:type=radial:speed=0.006"
	[slow-motion]="gradients=size=$size:rate=24:c0=#0f4c75:c1=#bbe1fa:c2=#3282b8:type=circular:speed=0.003"
)

for scene in "${!source[@]}"; do
	for tier in base premium; do
		label="drawtext=fontfile=$font:fontsize=12:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=4:x=8:y=h-th-10:text='demo · $scene · $tier'"
		# The premium take gets twice the bits, so that the encoder's own blocks do not blur the difference.
		if [ "$tier" = base ]; then
			look="pixelize=width=6:height=6,fps=8,eq=brightness=0.09*sin(n*2.7):eval=frame"
			bits=24k
		else
			look="null"
			bits=48k
		fi
		ffmpeg -hide_banner -loglevel error -y -f lavfi -i "${source[$scene]}" -t "$seconds" \
			-vf "$look,$label,format=yuv420p" \
			-c:v libvpx-vp9 -crf 50 -b:v "$bits" -row-mt 1 -deadline good -cpu-used 2 \
			-an -metadata title="keeprate demo: $scene, $tier tier" "$out/$scene-$tier.webm"
	done
done
ls -l "$out"
