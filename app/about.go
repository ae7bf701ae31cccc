package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// About explains what the app stores, that nothing leaves the device, and
// how to wipe everything.
type About struct {
	app.Compo
}

// OnNav sets the title.
func (a *About) OnNav(ctx app.Context) { setTitle(ctx, "À propos") }

// Render arranges the page.
func (a *About) Render() app.UI {
	return layout(PathAbout,
		app.H1().Text("À propos de Coulisses"),
		app.P().Class("chapo").Text("Coulisses est une application d'autoformation à la culture des données pour les lieux culturels. Elle fonctionne entièrement dans votre navigateur, en ligne comme hors ligne."),
		app.Section().ID("confidentialite").Aria("labelledby", "titre-confidentialite").Body(
			app.H2().ID("titre-confidentialite").Text("Confidentialité : vos données restent chez vous"),
			app.P().Text("Rien de ce que vous faites dans Coulisses n'est envoyé à un serveur : pas de compte, pas de mesure d'audience, pas de cookie, aucun service tiers. L'application est téléchargée une fois, puis tourne sur votre appareil."),
			app.H3().Text("Ce qui est conservé sur cet appareil"),
			app.Ul().Body(
				app.Li().Text("L'application elle-même et son contenu (fiches, quiz, jeux d'exemple), pour fonctionner hors ligne."),
				app.Li().Text("Votre progression : fiches lues, résultats des quiz et du test de positionnement, favoris et notes personnelles."),
				app.Li().Text("Dans le bac à sable : les fichiers que vous choisissez d'ouvrir restent en mémoire le temps de l'analyse ; les recettes que vous enregistrez et la clé secrète de pseudonymisation sont conservées sur l'appareil."),
			),
			app.P().Text("Ces informations sont stockées dans l'espace de stockage de votre navigateur, pour cette seule adresse. Elles ne sont ni partagées ni synchronisées. Vous pouvez les exporter dans un fichier pour les transférer sur un autre appareil."),
			app.H3().Text("Les mises à jour du contenu"),
			app.P().Body(
				app.Text("Quand vous êtes en ligne, l'application vérifie au plus une fois par jour si une nouvelle version des fiches est publiée. Cette vérification ne transmet rien sur vous ni sur votre usage : pas de compte, pas de cookie, pas d'identifiant ; comme pour toute page web, le serveur voit seulement l'adresse de connexion de l'appareil. Le contenu reçu est vérifié (signature et empreinte de chaque fichier) avant d'être affiché. Votre progression est conservée ; seul le score d'un quiz modifié est remis à zéro, avec un message. Voir "),
				app.A().Href("#mises-a-jour").Text("les mises à jour du contenu"),
				app.Text("."),
			),
			app.H3().Text("Tout effacer"),
			app.P().Text("Le bouton ci-dessous efface, sur cet appareil, votre progression, vos notes, vos jeux de données, vos recettes et la clé de pseudonymisation. L'application reste installée."),
			&WipeButton{},
		),
		&UpdatesPanel{},
		app.Section().Aria("labelledby", "titre-credits").Body(
			app.H2().ID("titre-credits").Text("Sources et remerciements"),
			app.P().Text("Les fiches s'appuient notamment sur les travaux du TMNlab et du projet européen Prospero Extended Theatre, sur les retours d'expérience du Centre Pompidou, de la Rmn – Grand Palais, de Paris Musées, du Dallas Museum of Art et du Quartier des spectacles de Montréal. Chaque fiche cite ses sources."),
		),
	)
}
