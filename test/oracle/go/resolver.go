package main

import (
	"context"
	"encoding/json"
	"sort"
	"sync"

	"github.com/moby/buildkit/client/llb/sourceresolver"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// recordingResolver stands in for the registry: it answers every image with a minimal config
// and remembers each name asked for, which is exactly the set of images BuildKit would pull.
type recordingResolver struct {
	mu    sync.Mutex
	names map[string]struct{}
}

func newRecordingResolver() *recordingResolver {
	return &recordingResolver{names: map[string]struct{}{}}
}

func (r *recordingResolver) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	// BuildKit resolves the stages' bases concurrently.
	r.mu.Lock()
	r.names[ref] = struct{}{}
	r.mu.Unlock()

	// Echo the requested platform so InvalidBaseImagePlatform, which needs the real image, stays quiet.
	platform := ocispecs.Platform{OS: "linux", Architecture: "amd64"}
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		platform = *opt.ImageOpt.Platform
	}
	img := dockerspec.DockerOCIImage{
		Image: ocispecs.Image{
			Platform: platform,
			// One layer, so BuildKit treats it as an image and not as scratch.
			RootFS: ocispecs.RootFS{Type: "layers", DiffIDs: []digest.Digest{digest.FromString(ref)}},
		},
		Config: dockerspec.DockerOCIImageConfig{
			ImageConfig: ocispecs.ImageConfig{Env: []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
		},
	}
	dt, err := json.Marshal(img)
	if err != nil {
		return "", "", nil, err
	}
	return ref, "", dt, nil
}

func (r *recordingResolver) sortedNames() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.names))
	for n := range r.names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
