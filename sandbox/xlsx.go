package sandbox

import "context"

// importXLSX reads an .xlsx workbook (implemented in step 3).
func importXLSX(ctx context.Context, data []byte, opts Options) (*Frame, *Report, error) {
	return nil, nil, newErr(ErrXLSX, 0, "", "not yet supported")
}
