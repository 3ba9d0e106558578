Chat.ChatApp.Build(args).Run();
