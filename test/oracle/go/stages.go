package main

import (
	"strconv"
	"strings"

	"github.com/containerd/platforms"
	"github.com/distribution/reference"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// The stage table and the resolution of each stage reference, as dockerfile2llb computes them
// (buildDispatchStates, toCommand, detectRunMount). Those functions are private, so this file
// mirrors them; checkConsistency then holds the mirror to what BuildKit asked the resolver for.

const scratchName = "scratch"

// Resolution says what a FROM base or a --from value stands for in BuildKit.
type Resolution struct {
	// stage | image | scratch | variable | invalidIndex | invalidReference | error
	Kind  string `json:"kind"`
	Index *int   `json:"index,omitempty"`
	// The name as the resolver receives it (normalized, tagged).
	Ref     string `json:"ref,omitempty"`
	Message string `json:"message,omitempty"`
	// A numeric --from that lands past the stages, on an image a reference made a state of.
	ViaIndex bool `json:"viaIndex,omitempty"`
}

type StageInfo struct {
	Index    int    `json:"index"`
	Name     string `json:"name,omitempty"`
	BaseName string `json:"baseName"`
	Platform string `json:"platform,omitempty"`
	Line     int    `json:"line"`
	EndLine  int    `json:"endLine"`
	// The base after global ARG expansion with the run's build args.
	ExpandedBase string      `json:"expandedBase"`
	Base         *Resolution `json:"base"`
	// Building the stage yields LLB ops of its own (an image source, RUN, COPY, ADD), so
	// whether it is built shows in the target's LLB.
	HasOps bool `json:"hasOps"`
}

type ReferenceInfo struct {
	Stage      int         `json:"stage"`
	Kind       string      `json:"kind"` // copy | mount
	Value      string      `json:"value"`
	Line       int         `json:"line"`
	EndLine    int         `json:"endLine"`
	Resolution *Resolution `json:"resolution"`
}

func lineSpan(loc []parser.Range) (int, int) {
	if len(loc) == 0 {
		return 0, 0
	}
	return loc[0].Start.Line, loc[len(loc)-1].End.Line
}

func imageResolution(name string) *Resolution {
	if name == scratchName {
		return &Resolution{Kind: "scratch"}
	}
	ref, err := reference.ParseNormalizedNamed(name)
	if err != nil {
		return &Resolution{Kind: "invalidReference", Message: err.Error()}
	}
	return &Resolution{Kind: "image", Ref: reference.TagNameOnly(ref).String()}
}

// globalArgs mirrors defaultArgs + buildMetaArgs: the platform ARGs of this machine, then the
// ARGs before the first FROM, a build arg overriding the default.
func globalArgs(metaArgs []instructions.ArgCommand, buildArgs map[string]string, target string, lex *shell.Lex) map[string]string {
	env := map[string]string{}
	p := platforms.DefaultSpec()
	if target == "" {
		target = "default"
	}
	for k, v := range map[string]string{
		"BUILDPLATFORM": platforms.Format(p), "BUILDOS": p.OS, "BUILDOSVERSION": p.OSVersion,
		"BUILDARCH": p.Architecture, "BUILDVARIANT": p.Variant,
		"TARGETPLATFORM": platforms.FormatAll(p), "TARGETOS": p.OS, "TARGETOSVERSION": p.OSVersion,
		"TARGETARCH": p.Architecture, "TARGETVARIANT": p.Variant, "TARGETSTAGE": target,
	} {
		if ov, ok := buildArgs[k]; ok {
			v = ov
		}
		env[k] = v
	}
	for _, cmd := range metaArgs {
		for _, kv := range cmd.Args {
			if v, ok := buildArgs[kv.Key]; ok {
				env[kv.Key] = v
			} else if kv.Value != nil {
				if res, err := lex.ProcessWordWithMatches(*kv.Value, mapEnv(env)); err == nil {
					env[kv.Key] = res.Result
				}
			}
		}
	}
	return env
}

type mapEnv map[string]string

func (m mapEnv) Get(k string) (string, bool) { v, ok := m[k]; return v, ok }
func (m mapEnv) Keys() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// dispatchState is the mirror's stand-in for BuildKit's: a stage, or an image a reference named.
type mirrorState struct {
	stage int // -1 for a state a reference created
	base  *Resolution
}

func describeStages(stages []instructions.Stage, metaArgs []instructions.ArgCommand, buildArgs map[string]string, target string, escape rune) ([]StageInfo, []ReferenceInfo) {
	lex := shell.NewLex(escape)
	env := globalArgs(metaArgs, buildArgs, target, lex)

	var states []*mirrorState
	byName := map[string]int{} // lowercased name -> index in states; a later duplicate wins
	out := make([]StageInfo, 0, len(stages))
	for i, st := range stages {
		line, endLine := lineSpan(st.Location)
		info := StageInfo{Index: i, Name: st.Name, BaseName: st.BaseName, Platform: st.Platform, Line: line, EndLine: endLine}
		res, err := lex.ProcessWordWithMatches(st.BaseName, mapEnv(env))
		switch {
		case err != nil:
			info.Base = &Resolution{Kind: "error", Message: err.Error()}
		case res.Result == "":
			info.ExpandedBase = ""
			info.Base = &Resolution{Kind: "error", Message: "base name should not be blank"}
		default:
			info.ExpandedBase = res.Result
			// addState looks the base up as written, among the stages already added.
			if j, ok := byName[res.Result]; ok {
				idx := j
				info.Base = &Resolution{Kind: "stage", Index: &idx}
			} else {
				info.Base = imageResolution(res.Result)
			}
		}
		info.HasOps = info.Base.Kind == "image"
		for _, cmd := range st.Commands {
			switch cmd.(type) {
			case *instructions.RunCommand, *instructions.CopyCommand, *instructions.AddCommand:
				info.HasOps = true
			}
		}
		states = append(states, &mirrorState{stage: i, base: info.Base})
		if st.Name != "" {
			byName[strings.ToLower(st.Name)] = i
		}
		out = append(out, info)
	}

	// Named references see every stage, later ones included; unknown names become new states
	// appended in command order, which numeric --from values can then reach.
	refs := []ReferenceInfo{}
	newState := func(name string) *Resolution {
		r := imageResolution(name)
		states = append(states, &mirrorState{stage: -1, base: r})
		return r
	}
	byNameOrNew := func(name string) *Resolution {
		if j, ok := byName[strings.ToLower(name)]; ok {
			idx := j
			return &Resolution{Kind: "stage", Index: &idx}
		}
		return newState(name)
	}
	for i, st := range stages {
		for _, cmd := range st.Commands {
			line, endLine := lineSpan(cmd.Location())
			switch c := cmd.(type) {
			case *instructions.CopyCommand:
				if c.From == "" {
					continue
				}
				ref := ReferenceInfo{Stage: i, Kind: "copy", Value: c.From, Line: line, EndLine: endLine}
				if res, err := lex.ProcessWordWithMatches(c.From, shell.EnvsFromSlice(nil)); err != nil || res.Result != c.From {
					ref.Resolution = &Resolution{Kind: "variable"}
				} else if n, err := strconv.Atoi(c.From); err == nil {
					switch {
					case n < 0 || n >= len(states):
						ref.Resolution = &Resolution{Kind: "invalidIndex"}
					case states[n].stage >= 0:
						idx := n
						ref.Resolution = &Resolution{Kind: "stage", Index: &idx}
					default:
						r := *states[n].base
						r.ViaIndex = true
						ref.Resolution = &r
					}
				} else {
					ref.Resolution = byNameOrNew(c.From)
				}
				refs = append(refs, ref)
			case *instructions.RunCommand:
				for _, m := range instructions.GetMounts(c) {
					if m.From == "" {
						// BuildKit still makes a scratch state for it, which shifts numeric --from.
						byNameOrNew(scratchName)
						continue
					}
					refs = append(refs, ReferenceInfo{Stage: i, Kind: "mount", Value: m.From, Line: line, EndLine: endLine, Resolution: byNameOrNew(m.From)})
				}
			}
		}
	}
	return out, refs
}

// expectedPulls is what the mirror says the resolver must be asked when every stage is built.
func expectedPulls(stages []StageInfo, refs []ReferenceInfo) map[string]struct{} {
	want := map[string]struct{}{}
	for _, s := range stages {
		if s.Base != nil && s.Base.Kind == "image" {
			want[s.Base.Ref] = struct{}{}
		}
	}
	for _, r := range refs {
		if r.Resolution.Kind == "image" && !r.Resolution.ViaIndex {
			want[r.Resolution.Ref] = struct{}{}
		}
	}
	return want
}
