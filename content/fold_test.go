package content

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Données", "donnees"},
		{"ŒUVRE Cœur", "oeuvre coeur"},
		{"Éthique à l’école", "ethique a l'ecole"},
		{"déjà-vu", "deja-vu"},
		{"Québec", "quebec"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"L'essentiel", "l-essentiel"},
		{"À retenir", "a-retenir"},
		{"Exemple : un théâtre de 600 places", "exemple-un-theatre-de-600-places"},
		{"  RGPD & consentement ! ", "rgpd-consentement"},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
