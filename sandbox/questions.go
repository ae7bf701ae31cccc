package sandbox

// Guided questions built from the kernels and the columns' roles (see
// content/bac-a-sable.yaml). Each returns ErrUnknownCol, naming the missing
// role, when the frame lacks a column it needs.

func needRoles(f *Frame, roles ...Role) ([]*Column, error) {
	cols := make([]*Column, len(roles))
	for i, r := range roles {
		if cols[i] = f.ByRole(r); cols[i] == nil {
			return nil, &ImportError{Kind: ErrUnknownCol, Detail: "rôle " + string(r)}
		}
	}
	return cols, nil
}

// PurchaseWeekday ("jour-achat"): tickets and revenue by weekday of purchase.
// Columns: nombre, somme <price column>.
func PurchaseWeekday(f *Frame) (*Table, error) {
	c, err := needRoles(f, RolePurchaseDate, RolePrice)
	if err != nil {
		return nil, err
	}
	return f.GroupBy(nil, ByWeekday(c[0]), Count(), Sum(c[1])), nil
}

// AgeShare ("jeunes-18-35"): per discipline, the share of tickets whose
// buyer was between lo and hi years old on the show date (age from the
// birth year or birth date), among tickets whose age is known.
func AgeShare(f *Frame, lo, hi float64) (*Table, error) {
	c, err := needRoles(f, RoleDiscipline, RoleShowDate)
	if err != nil {
		return nil, err
	}
	birth := f.ByRole(RoleBirthYear)
	if birth == nil {
		birth = f.ByRole(RoleBirthDate)
	}
	if birth == nil {
		return nil, &ImportError{Kind: ErrUnknownCol, Detail: "rôle " + string(RoleBirthYear)}
	}
	return f.GroupBy(nil, ByValue(c[0]), Share(Between(AgeAt(birth, c[1]), lo, hi)), Count()), nil
}

// TopPrices: the n highest prices among rows matching the conditions, ties
// by order id then row.
func TopPrices(f *Frame, n int, conds ...Cond) ([]int, error) {
	c, err := needRoles(f, RolePrice)
	if err != nil {
		return nil, err
	}
	var sel Bitmap
	if len(conds) > 0 {
		sel = f.Where(conds...)
	}
	orders := []Order{Desc(c[0])}
	if o := f.ByRole(RoleOrderID); o != nil {
		orders = append(orders, Asc(o))
	}
	return f.Top(n, sel, orders...), nil
}

// Loyalty ("fidelite"): distinct customers and the share of them with more
// than one distinct order (or, without an order id, more than one row).
func Loyalty(f *Frame) (customers int, repeatRate float64, err error) {
	c, err := needRoles(f, RoleCustomerID)
	if err != nil {
		return 0, 0, err
	}
	agg := Count()
	if o := f.ByRole(RoleOrderID); o != nil {
		agg = CountDistinct(o)
	}
	t := f.groupBy(nil, ByValue(c[0]), false, agg)
	repeat := 0
	for _, v := range t.Values[0] {
		if v > 1 {
			repeat++
		}
	}
	if t.Len() == 0 {
		return 0, 0, nil
	}
	return t.Len(), float64(repeat) / float64(t.Len()), nil
}
