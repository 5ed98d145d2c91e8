package filetype

import (
	"encoding/binary"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"
)

// Image limits. A decoder allocates width x height pixels before it reads
// any of them, so a tiny file declaring a huge picture (a decompression
// bomb) would take gigabytes in a viewer or a thumbnailer. A page scanned
// at 600 dpi is about 5,000 x 7,000.
const (
	ImageMaxSide   = 12_000
	ImageMaxPixels = 100_000_000
)

var errImageHeader = errors.New("image: unreadable header")

// InspectImage reads only the headers of an image and refuses one whose
// dimensions (of any page or item, for TIFF and HEIF) are over the limits
// or cannot be read.
func InspectImage(r io.ReaderAt, size int64, ft Type) error {
	dims, err := imageDims(r, size, ft)
	if err != nil || len(dims) == 0 {
		return refuse("upload.image_damaged")
	}
	for _, d := range dims {
		if d[0] <= 0 || d[1] <= 0 {
			return refuse("upload.image_damaged")
		}
		if d[0] > ImageMaxSide || d[1] > ImageMaxSide || int64(d[0])*int64(d[1]) > ImageMaxPixels {
			return refuse("upload.image_too_large", d[0], d[1])
		}
	}
	return nil
}

func imageDims(r io.ReaderAt, size int64, ft Type) ([][2]int64, error) {
	sr := io.NewSectionReader(r, 0, size)
	var cfg image.Config
	var err error
	switch ft {
	case fileTypeJPEG:
		cfg, err = jpeg.DecodeConfig(sr)
	case fileTypePNG:
		cfg, err = png.DecodeConfig(sr)
	case fileTypeWEBP:
		cfg, err = webp.DecodeConfig(sr)
	case fileTypeTIFF:
		return tiffDims(r, size)
	case fileTypeHEIC, fileTypeHEIF:
		return heifDims(r, size)
	default:
		return nil, errImageHeader
	}
	if err != nil {
		return nil, err
	}
	return [][2]int64{{int64(cfg.Width), int64(cfg.Height)}}, nil
}

// tiffDims reads the width and height of every page (image file
// directory) of a TIFF: viewers show all of them.
func tiffDims(r io.ReaderAt, size int64) ([][2]int64, error) {
	var hdr [8]byte
	if _, err := r.ReadAt(hdr[:], 0); err != nil {
		return nil, errImageHeader
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if string(hdr[:2]) == "MM" {
		bo = binary.BigEndian
	}
	var out [][2]int64
	visited := map[int64]bool{}
	for off := int64(bo.Uint32(hdr[4:])); off != 0; {
		if visited[off] || len(visited) >= 1000 || off < 8 || off > size-2 {
			return nil, errImageHeader
		}
		visited[off] = true
		var cnt [2]byte
		if _, err := r.ReadAt(cnt[:], off); err != nil {
			return nil, errImageHeader
		}
		n := int64(bo.Uint16(cnt[:]))
		entries := make([]byte, n*12+4)
		if _, err := r.ReadAt(entries, off+2); err != nil {
			return nil, errImageHeader
		}
		var w, h int64
		for i := int64(0); i < n; i++ {
			e := entries[i*12:]
			var v int64
			switch bo.Uint16(e[2:]) {
			case 3: // SHORT
				v = int64(bo.Uint16(e[8:]))
			case 4: // LONG
				v = int64(bo.Uint32(e[8:]))
			default:
				continue
			}
			switch bo.Uint16(e[:2]) {
			case 256:
				w = v
			case 257:
				h = v
			}
		}
		out = append(out, [2]int64{w, h})
		off = int64(bo.Uint32(entries[n*12:]))
	}
	return out, nil
}

// heifDims reads the image spatial extents (ispe) of every item of a
// HEIF file, in meta/iprp/ipco, without touching the coded data.
func heifDims(r io.ReaderAt, size int64) ([][2]int64, error) {
	var out [][2]int64
	boxes := 0
	var walk func(start, end int64, path string, depth int) error
	walk = func(start, end int64, path string, depth int) error {
		for off := start; off+8 <= end; {
			if boxes++; boxes > 10_000 || depth > 8 {
				return errImageHeader
			}
			var h [16]byte
			if _, err := r.ReadAt(h[:8], off); err != nil {
				return errImageHeader
			}
			boxSize, typ, hdrLen := int64(binary.BigEndian.Uint32(h[:4])), string(h[4:8]), int64(8)
			switch boxSize {
			case 0:
				boxSize = end - off
			case 1:
				if _, err := r.ReadAt(h[8:16], off+8); err != nil {
					return errImageHeader
				}
				boxSize, hdrLen = int64(binary.BigEndian.Uint64(h[8:16])&(1<<62-1)), 16
			}
			if boxSize < hdrLen || off+boxSize > end {
				return errImageHeader
			}
			body := off + hdrLen
			switch p := path + "/" + typ; p {
			case "/meta":
				if err := walk(body+4, off+boxSize, p, depth+1); err != nil { // a full box
					return err
				}
			case "/meta/iprp", "/meta/iprp/ipco":
				if err := walk(body, off+boxSize, p, depth+1); err != nil {
					return err
				}
			case "/meta/iprp/ipco/ispe":
				var e [12]byte
				if boxSize-hdrLen < 12 {
					return errImageHeader
				}
				if _, err := r.ReadAt(e[:], body); err != nil {
					return errImageHeader
				}
				out = append(out, [2]int64{int64(binary.BigEndian.Uint32(e[4:])), int64(binary.BigEndian.Uint32(e[8:]))})
			}
			off += boxSize
		}
		return nil
	}
	if err := walk(0, size, "", 0); err != nil {
		return nil, err
	}
	return out, nil
}
